package article

import (
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// Errors of [ParseFile] and [Article.WriteFile], wrapped in a [*FileError].
var (
	// ErrNotRegular means a path names a directory, a FIFO, a device or a
	// socket where an article file was expected. ParseFile opens without
	// blocking, so a FIFO is refused rather than waited on.
	ErrNotRegular = errors.New("not a regular file")

	// ErrFileChanged means the file WriteFile was to replace is no longer
	// the one the article was read from (or the one WriteFile found when
	// it started): it was removed, renamed or replaced meanwhile. Nothing
	// is written.
	ErrFileChanged = errors.New("file changed since it was read")
)

// A FileError is a problem with the article in a named file, returned by
// [ParseFile], [Decoder.DecodeFile] and [Article.WriteFile]. Err is a
// [*ParseError] for input that cannot be parsed, or a sentinel such as
// ErrTooLarge, ErrNotRegular or ErrFileChanged, possibly wrapped; errors.Is
// and errors.As see through FileError. Errors of the operating system
// (a missing file, a permission denied) are returned as os returns them, a
// [*fs.PathError] that names the file.
type FileError struct {
	Name string // the file's name, as given
	Err  error
}

// Error returns "NAME:LINE:COL: KEY: message" for a located problem, as
// compilers and linters print them, and "NAME: message" otherwise.
func (e *FileError) Error() string {
	msg := "unknown error"
	if e.Err != nil {
		msg = e.Err.Error()
	}
	var pe *ParseError
	if errors.As(e.Err, &pe) && pe.Line > 0 && e.Err == error(pe) {
		return e.Name + ":" + msg
	}
	return e.Name + ": " + msg
}

// Unwrap returns the underlying error.
func (e *FileError) Unwrap() error { return e.Err }

// fileOrigin is the file an Article was read from by DecodeFile.
type fileOrigin struct {
	name string
	info fs.FileInfo
}

// ParseFile reads the article in the file name with the zero [Decoder], as
// [Parse] does. See [Decoder.DecodeFile].
func ParseFile(name string) (*Article, error) {
	return Decoder{}.DecodeFile(name)
}

// DecodeFile reads the article in the file name. Only a regular file is
// read (a symbolic link is followed): the file is opened without blocking
// and checked before it is read, so that a directory, FIFO, device or
// socket fails at once with ErrNotRegular. A problem in the article is a
// [*FileError] whose Error() starts with the name ("name:3:1: title:
// required"), with the positions of [Parse].
//
// The Article remembers which file it was read from: [Article.WriteFile]
// to the same name replaces that file only.
func (d Decoder) DecodeFile(name string) (*Article, error) {
	f, err := os.OpenFile(name, os.O_RDONLY|openNonBlock, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, &FileError{Name: name, Err: fmt.Errorf("%w (%s)", ErrNotRegular, fileKind(fi.Mode()))}
	}
	if max := d.maxSize(); max >= 0 && fi.Size() > max {
		return nil, &FileError{Name: name, Err: fmt.Errorf("%w: more than %d bytes", ErrTooLarge, max)}
	}
	a, err := d.Decode(f)
	if err != nil {
		return nil, &FileError{Name: name, Err: err}
	}
	a.file = &fileOrigin{name: name, info: fi}
	return a, nil
}

// fileKind names the type of a file that is not regular.
func fileKind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a directory"
	case m&fs.ModeNamedPipe != 0:
		return "a FIFO"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m&fs.ModeSymlink != 0:
		return "a symbolic link"
	}
	return "not a plain file"
}

// tempSuffix ends the name of WriteFile's temporary files.
const tempSuffix = ".tmp"

// tempInfix marks WriteFile's temporary files among others.
const tempInfix = ".article-"

// WriteFile writes a, encoded as [Article.Encode] writes it, to the file
// name, atomically: it writes a temporary file in the same directory,
// syncs it to disk and renames it over name, so that name holds the old
// content or the new one, never a part of either, even if the program is
// killed. If name is a symbolic link, the file it points to is replaced
// and the link kept, as os.WriteFile writes through a link.
//
// Replacing an existing file, WriteFile
//
//   - refuses a file that is not regular (ErrNotRegular) and one the
//     caller could not write in place (the error os.OpenFile gives for
//     writing, such as permission denied for a read-only file): the
//     rename would otherwise bypass the file's own permissions;
//   - keeps its permission bits, setuid, setgid and sticky included, and,
//     when the caller may (root may; a user may set a group they are in),
//     its owner and group. A setuid (setgid) bit is kept only when the
//     owner (group) is: a file is never made setuid to the caller;
//   - checks just before the rename that name still names the file it
//     found at the start, and, if a was read by [ParseFile] or
//     [Decoder.DecodeFile] from name, the file read then, unchanged: a file
//     removed, renamed, replaced or written meanwhile fails with
//     ErrFileChanged and is left as it is (a removed file does not come
//     back). A file is known by its device and inode numbers, size and
//     modification and change times, so that a new file given the inode
//     number of a removed one is not taken for it.
//
// A name that does not exist is created with mode 0666 less the umask,
// unless a was read from it (then it was removed: ErrFileChanged), and
// never over a file created meanwhile.
//
// The temporary file is named ".NAME.article-PID-RANDOM.tmp", where NAME is
// the base name of the file replaced and PID the process id of the writer,
// so that a tool can recognise one left by a killed process (see
// [TempFilePID]). WriteFile removes it on every error.
func (a *Article) WriteFile(name string) error {
	data, err := a.AppendEncoded(nil)
	if err != nil {
		return &FileError{Name: name, Err: err}
	}
	return writeFile(name, data, a.file)
}

// writeFile does WriteFile's work for data; read, if not nil, is the file
// the data was read from.
func writeFile(name string, data []byte, read *fileOrigin) (err error) {
	target := name
	if li, err := os.Lstat(name); err == nil && li.Mode()&fs.ModeSymlink != 0 {
		if target, err = filepath.EvalSymlinks(name); err != nil {
			return err
		}
	}
	fi, err := os.Stat(target)
	exists := err == nil
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if read != nil && read.name == name {
			return &FileError{Name: name, Err: fmt.Errorf("%w: it was removed", ErrFileChanged)}
		}
	case err != nil:
		return err
	case !fi.Mode().IsRegular():
		return &FileError{Name: name, Err: fmt.Errorf("%w (%s)", ErrNotRegular, fileKind(fi.Mode()))}
	case read != nil && read.name == name && !sameFile(read.info, fi):
		return &FileError{Name: name, Err: fmt.Errorf("%w: it was replaced", ErrFileChanged)}
	}
	if exists {
		// Writable in place? Opening for writing changes nothing (no
		// truncation) and fails as os.WriteFile would.
		f, err := os.OpenFile(target, os.O_WRONLY|openNonBlock, 0)
		if err != nil {
			return err
		}
		f.Close()
	}

	dir, base := filepath.Split(target)
	tmp, err := createTemp(dir, base, exists)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		return err
	}
	if exists {
		if err = keepOwnerAndMode(tmp, fi); err != nil {
			return err
		}
	}
	if err = tmp.Sync(); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	if !exists {
		// Link fails if a file appeared meanwhile, where rename would
		// replace it.
		if err = os.Link(tmp.Name(), target); err != nil {
			if errors.Is(err, fs.ErrExist) {
				err = &FileError{Name: name, Err: fmt.Errorf("%w: a file was created meanwhile", ErrFileChanged)}
			}
			return err
		}
		os.Remove(tmp.Name())
		syncDir(dir)
		return nil
	}
	now, err := os.Stat(target)
	if err != nil || !sameFile(fi, now) {
		return &FileError{Name: name, Err: fmt.Errorf("%w: it was removed or replaced", ErrFileChanged)}
	}
	if err = os.Rename(tmp.Name(), target); err != nil {
		return err
	}
	syncDir(dir)
	return nil
}

// createTemp creates WriteFile's temporary file for base in dir: private
// until its mode is set when it replaces a file, else with the mode a new
// file gets (0666 less the umask).
func createTemp(dir, base string, private bool) (*os.File, error) {
	perm := fs.FileMode(0o666)
	if private {
		perm = 0o600
	}
	prefix := filepath.Join(dir, "."+base+tempInfix+strconv.Itoa(os.Getpid())+"-")
	var err error
	for range 100 {
		var f *os.File
		f, err = os.OpenFile(prefix+randomSuffix()+tempSuffix, os.O_RDWR|os.O_CREATE|os.O_EXCL, perm)
		if !errors.Is(err, fs.ErrExist) {
			return f, err
		}
	}
	return nil, err
}

// TempFilePID reports whether name (a base name) is a temporary file
// [Article.WriteFile] made, one named ".NAME.article-PID-RANDOM.tmp", and
// returns the id of the process that made it. Whether that process is gone is for the
// caller to decide (a program that removes leftovers of a killed run also
// checks that the file is older than itself).
func TempFilePID(name string) (pid int, ok bool) {
	rest, ok := strings.CutSuffix(name, tempSuffix)
	if !ok || !strings.HasPrefix(rest, ".") {
		return 0, false
	}
	i := strings.LastIndex(rest, tempInfix)
	if i < 2 { // ".X.article-": a base name of one byte at least
		return 0, false
	}
	pidText, random, ok := strings.Cut(rest[i+len(tempInfix):], "-")
	if !ok || random == "" || strings.Trim(random, "0123456789abcdef") != "" {
		return 0, false
	}
	pid, err := strconv.Atoi(pidText)
	if err != nil || pid <= 0 || strconv.Itoa(pid) != pidText {
		return 0, false
	}
	return pid, true
}

// randomSuffix returns the random part of a temporary file's name.
func randomSuffix() string {
	return strconv.FormatUint(rand.Uint64(), 16)
}
