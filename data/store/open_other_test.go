//go:build !unix

package store_test

import "errors"

// runAsNobody is for Unix; asOtherUser skips the tests elsewhere.
func runAsNobody(bin, path string) ([]byte, error) {
	return nil, errors.New("no user nobody here")
}
