package main

import (
	"os"
	"syscall"
)

// The Windows build is a GUI program (linked with -H windowsgui), so
// starting it from the Start menu opens no console window. A GUI program
// gets no console of its own, though, so "ila.exe list meetings" typed in
// cmd.exe or PowerShell would print nothing. With arguments the program
// therefore attaches to the console of the process that started it, if
// there is one, and points the standard streams that have nowhere to go at
// it. Streams that are already redirected (ila.exe list meetings > x.txt,
// or a pipe) are left as they are. Started without a console (from a
// shortcut with arguments), nothing changes.
//
// The one thing this cannot do is make cmd.exe wait: at an interactive
// prompt cmd does not wait for a GUI program, so its prompt comes back
// before the output (a batch file, "start /wait" or a pipe does wait).

var (
	kernel32          = syscall.NewLazyDLL("kernel32.dll")
	procAttachConsole = kernel32.NewProc("AttachConsole")
	procSetStdHandle  = kernel32.NewProc("SetStdHandle")
)

const attachParentProcess = ^uintptr(0) // ATTACH_PARENT_PROCESS, (DWORD)-1

// attachConsole attaches to the parent's console when the program was
// given arguments.
func attachConsole() {
	if len(os.Args) < 2 {
		return
	}
	if ok, _, _ := procAttachConsole.Call(attachParentProcess); ok == 0 {
		return // no parent console (or already one): nothing to do
	}
	// Only the output: cmd.exe goes on reading the console's keyboard (it
	// does not wait for a GUI program), and no command reads standard input.
	rebind(&os.Stdout, syscall.STD_OUTPUT_HANDLE, "/dev/stdout")
	rebind(&os.Stderr, syscall.STD_ERROR_HANDLE, "/dev/stderr")
}

// rebind makes an output stream that has nowhere to go write to the
// console: to the handle Windows gave it on attaching, or else to the
// console's screen buffer, opened here and set for child processes too.
func rebind(f **os.File, std int, name string) {
	if h, err := syscall.GetStdHandle(std); err == nil && usable(h) {
		if *f == nil || (*f).Fd() != uintptr(h) {
			*f = os.NewFile(uintptr(h), name)
		}
		return // redirected to a file or a pipe, or the console already
	}
	p, err := syscall.UTF16PtrFromString("CONOUT$")
	if err != nil {
		return
	}
	// Read access too: Go asks the console's mode to write UTF-16 to it
	// (WriteConsoleW), so "Västerås" arrives intact.
	h, err := syscall.CreateFile(p, syscall.GENERIC_WRITE|syscall.GENERIC_READ, syscall.FILE_SHARE_READ|syscall.FILE_SHARE_WRITE,
		nil, syscall.OPEN_EXISTING, 0, 0)
	if err != nil {
		return
	}
	procSetStdHandle.Call(uintptr(std), uintptr(h))
	*f = os.NewFile(uintptr(h), name)
}

func usable(h syscall.Handle) bool {
	if h == 0 || h == syscall.InvalidHandle {
		return false
	}
	t, err := syscall.GetFileType(h)
	return err == nil && t != syscall.FILE_TYPE_UNKNOWN
}
