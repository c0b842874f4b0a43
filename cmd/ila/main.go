// Command ila is ILA Desk: the desktop app of Infrastruktur & Logistikarenan.
// Without arguments it opens the window; see "ila --help" for the commands.
package main

import (
	"context"
	"os"
	"os/exec"

	"fyne.io/fyne/v2/app"

	"github.com/handelskammaren/ila-desk/cmd/ila/cli"
	"github.com/handelskammaren/ila-desk/data/store"
	"github.com/handelskammaren/ila-desk/ui"
)

func main() {
	attachConsole() // Windows: the command line prints in the console it was typed in
	env := cli.Env{Stdout: os.Stdout, Stderr: os.Stderr, Stdin: os.Stdin, Getenv: os.Getenv,
		Window: func(st *store.Store) error {
			return ui.Run(app.NewWithID(ui.AppID), st, cli.Version, screenSize)
		},
		// Started from a menu nobody reads stderr: a window says it. After
		// a restore the program starts again, on the restored database.
		OpenFailed: func(path string, err error) bool {
			if ui.ShowOpenProblem(app.NewWithID(ui.AppID), path, err) {
				restart()
			}
			return false
		}}
	os.Exit(cli.Run(context.Background(), os.Args[1:], env))
}

// restart starts the program again with the same arguments and ends this
// one (a Fyne app runs once per process).
func restart() {
	cmd := exec.Command(os.Args[0], os.Args[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	if err := cmd.Start(); err != nil {
		os.Exit(1)
	}
	os.Exit(0)
}
