package gen_test

import (
	"reflect"
	"testing"

	"github.com/handelskammaren/ila-desk/data"
	"github.com/handelskammaren/ila-desk/data/gen"
)

func TestSubmissionsAreReproducible(t *testing.T) {
	a, b := gen.Submissions(200, 7), gen.Submissions(200, 7)
	if !reflect.DeepEqual(a, b) {
		t.Error("the same seed gave different submissions")
	}
	if c := gen.Submissions(200, 8); reflect.DeepEqual(a, c) {
		t.Error("another seed gave the same submissions")
	}
	if got := gen.Submissions(50, 7); !reflect.DeepEqual(got, a[:50]) {
		t.Error("a shorter run is not a prefix of a longer one")
	}
}

func TestSubmissionsAreValidAndVaried(t *testing.T) {
	subs := gen.Submissions(2000, 1)
	titles := map[string]bool{}
	statuses := map[data.Status]bool{}
	for i, s := range subs {
		if ps := data.ValidateSubmission(s); len(ps) != 0 {
			t.Fatalf("submission %d (%q) is invalid: %v", i, s.Title, ps[0].Problem.English())
		}
		if s.Updated.Before(s.Created) {
			t.Errorf("submission %d was updated before it was created", i)
		}
		titles[s.Title] = true
		statuses[s.Status] = true
	}
	if len(titles) < 500 {
		t.Errorf("only %d distinct titles in 2000, want variety", len(titles))
	}
	if len(statuses) != len(data.Statuses) {
		t.Errorf("statuses used: %d, want all %d", len(statuses), len(data.Statuses))
	}
}
