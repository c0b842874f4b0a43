//go:build unix

package store_test

import (
	"os"
	"os/exec"
	"syscall"
)

// runAsNobody runs the test binary bin as the user nobody, reporting what
// opening the database at path gave (see reportOpen).
func runAsNobody(bin, path string) ([]byte, error) {
	cmd := exec.Command(bin, "-test.run=^$")
	cmd.Env = append(os.Environ(), childEnv+"=open-report", "ILA_CHILD_DB="+path)
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	cmd.Stderr = os.Stderr
	return cmd.Output()
}
