// Command ila is ILA Desk: the desktop app of Infrastruktur & Logistikarenan.
// Without arguments it opens the window; see "ila --help" for the commands.
package main

import (
	"context"
	"os"

	"fyne.io/fyne/v2/app"

	"github.com/handelskammaren/ila-desk/cmd/ila/cli"
	"github.com/handelskammaren/ila-desk/data/store"
	"github.com/handelskammaren/ila-desk/ui"
)

func main() {
	env := cli.Env{Stdout: os.Stdout, Stderr: os.Stderr, Stdin: os.Stdin, Getenv: os.Getenv,
		Window: func(st *store.Store) error {
			return ui.Run(app.NewWithID(ui.AppID), st, cli.Version, screenSize)
		}}
	os.Exit(cli.Run(context.Background(), os.Args[1:], env))
}
