package exchange

import "io"

// OpenWithLimits is Open with smaller limits, so tests reach them with
// small packages: the most bytes of one attachment, of all together, and
// the ratio with the size below which any ratio is accepted.
func OpenWithLimits(r io.ReaderAt, size int64, attachment, total, ratio, floor int64) (*Package, error) {
	return open(r, size, limits{entries: MaxEntries, manifest: MaxManifestSize, attachment: attachment,
		total: total, ratio: ratio, ratioFloor: floor})
}
