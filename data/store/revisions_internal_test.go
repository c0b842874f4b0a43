package store

import "testing"

func TestEverySnapshotFieldHasALabel(t *testing.T) {
	for _, k := range snapshotKeys {
		if _, ok := snapshotLabels[k]; !ok {
			t.Errorf("snapshot field %q has no label: the history would show the key", k)
		}
	}
}
