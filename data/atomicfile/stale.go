package atomicfile

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"
)

// StaleAge is how old a temporary file of ours must be before RemoveStale
// takes it for one a killed process left: an export writes its temporary
// file continuously and takes seconds, so a quarter of an hour without a
// change means nobody is writing it.
const StaleAge = 15 * time.Minute

// staleNames match the temporary files Write makes (".NAME.ila-<16 hex>.tmp")
// and those of the versions before it (".NAME.<digits>.tmp", for the file
// types ILA Desk writes). Nothing else is ever removed.
var staleNames = []*regexp.Regexp{
	regexp.MustCompile(`^\..+\.ila-[0-9a-f]{16}\.tmp$`),
	regexp.MustCompile(`^\..+\.(pdf|ics|zip|json)\.[0-9]{1,10}\.tmp$`),
}

// IsTempName reports whether name (a file name, without folder) is one of
// the temporary files Write makes or made.
func IsTempName(name string) bool {
	for _, re := range staleNames {
		if re.MatchString(name) {
			return true
		}
	}
	return false
}

// RemoveStale removes from dir the temporary files that Write left when
// its process was killed: files named as Write names them, regular (not
// links), owned by this user and unchanged for longer than olderThan (use
// StaleAge). It returns the paths removed. The window and the command line
// call it at start for the folders they export to (the last folder used,
// the data folder); Write itself does it for the file it writes. A
// missing folder is not an error.
func RemoveStale(dir string, olderThan time.Duration) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var removed []string
	var errs []error
	for _, e := range entries {
		if !IsTempName(e.Name()) {
			continue
		}
		p := filepath.Join(dir, e.Name())
		ok, err := stale(p, olderThan)
		if err != nil || !ok {
			continue
		}
		if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
			errs = append(errs, err)
			continue
		}
		removed = append(removed, p)
	}
	return removed, errors.Join(errs...)
}

// stale reports whether the file at p is a regular file of ours unchanged
// for longer than olderThan.
func stale(p string, olderThan time.Duration) (bool, error) {
	fi, err := os.Lstat(p)
	if err != nil {
		return false, err
	}
	return fi.Mode().IsRegular() && ownedByUs(fi) && time.Since(fi.ModTime()) > olderThan, nil
}

// removeStaleOf removes the stale temporary files of one target, after a
// successful write.
func removeStaleOf(dir, base string) {
	prefix := "." + cutUTF8(base, 200) + "."
	matches, _ := filepath.Glob(filepath.Join(dir, globEscape(prefix)+"*"+tempExt))
	for _, p := range matches {
		if name := filepath.Base(p); IsTempName(name) && strings.HasPrefix(name, prefix) {
			if ok, _ := stale(p, StaleAge); ok {
				_ = os.Remove(p)
			}
		}
	}
}

// globEscape escapes the characters filepath.Glob treats specially.
func globEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune(`*?[\`, r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}
