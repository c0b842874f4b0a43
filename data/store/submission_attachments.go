package store

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"errors"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"
	"net/http"
	"strconv"
	"time"

	"golang.org/x/image/draw"

	"github.com/handelskammaren/ila-desk/data"
	"github.com/handelskammaren/ila-desk/data/photo"
	"github.com/handelskammaren/ila-desk/data/picture"
)

// MaxAttachmentSize is the largest attachment the store accepts, in bytes.
const MaxAttachmentSize = 20 << 20

// ThumbnailSize is the longest side of an attachment's thumbnail, in pixels.
const ThumbnailSize = 256

// maxThumbnailPixels bounds the pictures the store decodes for a thumbnail
// (with picture.Budget, which bounds the memory decoding takes: 256 MB, read
// from the picture's header before decoding); larger ones are kept without a
// thumbnail. A 20 MB file can claim any size, so this is checked before
// decoding.
const maxThumbnailPixels = 100_000_000

// Problems of attachments; translation keys in submission.*.json.
const (
	msgAttachmentTooLarge = "The file {{.Name}} is {{.Size}} MB; an attachment may be at most {{.Limit}} MB. Make it smaller (a photo can be saved at a lower resolution) and attach it again."
	msgAttachmentType     = "The file {{.Name}} is not a JPEG or PNG picture or a PDF document. Save it in one of those formats and attach it again."
	msgAttachmentEmpty    = "The file {{.Name}} is empty. Choose another file."
	msgAttachmentDamaged  = "The picture {{.Name}} could not be read; it may be damaged. Open it in an image program, save it again and attach it once more."
)

// acceptedTypes are the MIME types an attachment may have, as
// http.DetectContentType names them.
var acceptedTypes = map[string]bool{"image/jpeg": true, "image/png": true, "application/pdf": true}

// prepared is a checked attachment with its thumbnail, ready to be written.
type prepared struct {
	data.Attachment
	thumbnail []byte // nil for documents
	metaOnly  bool   // no Data: only the name and caption are to be written
	// deferred: no Data yet; read (see loadAttachment) and checked when it
	// is written. ahead: its thumbnail was made beforehand from the bytes
	// whose SHA-256 is sum.
	deferred, ahead bool
	sum             [sha256.Size]byte
}

// prepareAttachment checks an attachment's bytes and makes its thumbnail.
// The type comes from the bytes, never from the name or a.MIME.
func prepareAttachment(a data.Attachment) (prepared, error) {
	p, err := checkAttachment(a)
	if err != nil {
		return prepared{}, err
	}
	if p.IsPhoto() {
		if p.thumbnail, err = thumbnailOf(p.Attachment); err != nil {
			return prepared{}, err
		}
	}
	return p, nil
}

// checkAttachment is prepareAttachment without the thumbnail.
func checkAttachment(a data.Attachment) (prepared, error) {
	name := map[string]any{"Name": a.Name}
	if len(a.Data) == 0 {
		return prepared{}, data.NewProblem(msgAttachmentEmpty, name)
	}
	if len(a.Data) > MaxAttachmentSize {
		return prepared{}, data.NewProblem(msgAttachmentTooLarge, map[string]any{
			"Name":  a.Name,
			"Size":  strconv.FormatFloat(float64(len(a.Data))/(1<<20), 'f', 1, 64),
			"Limit": MaxAttachmentSize >> 20,
		})
	}
	mime := http.DetectContentType(a.Data)
	if !acceptedTypes[mime] {
		return prepared{}, data.NewProblem(msgAttachmentType, name)
	}
	a.MIME = mime
	a.Size = int64(len(a.Data))
	return prepared{Attachment: a}, nil
}

// thumbnailOf makes the thumbnail of photo a, a *data.Problem naming it
// when it cannot be decoded.
func thumbnailOf(a data.Attachment) ([]byte, error) {
	thumb, err := makeThumbnail(a.Data, a.MIME)
	if err != nil {
		return nil, data.NewProblem(msgAttachmentDamaged, map[string]any{"Name": a.Name}).Wrap(err)
	}
	return thumb, nil
}

// loadAttachment reads the bytes of deferred attachment p with load (given
// the attachment as the caller gave it, orig) and checks them like
// AddAttachment. Its thumbnail is the one made ahead when the bytes are
// those it was made from, else it is made now.
func loadAttachment(p prepared, orig data.Attachment, load func(data.Attachment) ([]byte, error)) (prepared, error) {
	b, err := load(orig)
	if err != nil {
		return prepared{}, fmt.Errorf("read attachment %s: %w", orig.Name, err)
	}
	a := p.Attachment
	a.Data = b
	q, err := checkAttachment(a)
	if err != nil || !q.IsPhoto() {
		return q, err
	}
	if p.ahead && sha256.Sum256(b) == p.sum {
		q.thumbnail = p.thumbnail
		return q, nil
	}
	q.thumbnail, err = thumbnailOf(q.Attachment)
	return q, err
}

// aheadBudget bounds the thumbnails an import makes before it takes the
// write lock (thumbnailsAhead); past it the rest are made under the lock.
// A photo's thumbnail is some 10–50 KB, so this is hundreds of photos.
const aheadBudget = 16 << 20

// thumbnailsAhead makes the thumbnails of the deferred attachments that
// may be photos before the import takes the write lock, reading each with
// load and keeping only its thumbnail and checksum: decoding photos is the
// slow part, and other programs wait for the lock meanwhile. The bytes are
// read again under the lock (loadAttachment) and the thumbnail used when
// they are the same. An attachment load cannot deliver, or that is
// refused, fails the import here, before anything is written.
func thumbnailsAhead(ctx context.Context, ps []exchangeSub, load func(data.Attachment) ([]byte, error)) error {
	budget := aheadBudget
	for i := range ps {
		for j := range ps[i].atts {
			p, orig := &ps[i].atts[j], ps[i].sub.Attachments[j]
			if !p.deferred || (p.MIME != "" && !p.IsPhoto()) {
				continue
			}
			if err := ctx.Err(); err != nil {
				return err
			}
			q, err := loadAttachment(*p, orig, load)
			if err != nil {
				return fmt.Errorf("import %q: %w", ps[i].sub.Title, err)
			}
			if !q.IsPhoto() {
				continue
			}
			if budget -= len(q.thumbnail); budget < 0 {
				return nil
			}
			p.thumbnail, p.sum, p.ahead = q.thumbnail, sha256.Sum256(q.Data), true
		}
	}
	return nil
}

const attachmentCols = `id, uid, name, mime, caption, size, added_unix`

// scanAttachment reads attachmentCols after the submission id.
func scanAttachment(r scanner, subID *int64) (data.Attachment, error) {
	var a data.Attachment
	var added int64
	err := r.Scan(subID, &a.ID, &a.UID, &a.Name, &a.MIME, &a.Caption, &a.Size, &added)
	a.Added = time.Unix(added, 0)
	return a, err
}

// AddAttachment stores a photo or document with submission subID and
// returns its metadata (Data nil). a.Name, a.Caption and a.Data are used;
// a.UID is kept when set, else a new one is made; the type is detected from
// the bytes. A file that is empty, larger than MaxAttachmentSize, not a JPEG,
// PNG or PDF, or a picture that cannot be decoded is refused with a
// *data.Problem that names it. Photos get a thumbnail (see
// AttachmentThumbnail). ErrNotFound when there is no such submission.
func (s *Store) AddAttachment(ctx context.Context, subID int64, a data.Attachment) (data.Attachment, error) {
	p, err := prepareAttachment(a)
	if err != nil {
		return data.Attachment{}, err
	}
	if p.UID == "" {
		p.UID = NewUID()
	}
	now := s.now()
	p.Added = time.Unix(now.Unix(), 0)
	err = s.write(ctx, fmt.Sprintf("attach %s to submission %d", a.Name, subID), func(tx dbtx) error {
		if err := execOne(ctx, tx, `UPDATE submissions SET updated_unix = ? WHERE id = ?`, now.Unix(), subID); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO submission_attachments
			(submission_id, uid, name, mime, caption, size, added_unix, thumbnail, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			subID, p.UID, p.Name, p.MIME, p.Caption, p.Size, now.Unix(), p.thumbnail, p.Data)
		if err != nil {
			return err
		}
		p.ID, err = res.LastInsertId()
		return err
	})
	if err != nil {
		return data.Attachment{}, err
	}
	out := p.Attachment
	out.Data = nil
	return out, nil
}

// AttachmentData returns the bytes of an attachment.
func (r reader) AttachmentData(ctx context.Context, attID int64) ([]byte, error) {
	var b []byte
	err := r.q().QueryRowContext(ctx, `SELECT data FROM submission_attachments WHERE id = ?`, attID).Scan(&b)
	if errors.Is(err, sql.ErrNoRows) {
		err = ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("attachment %d: %w", attID, err)
	}
	return b, nil
}

// AttachmentThumbnail returns the thumbnail of a photo: a JPEG (for JPEG
// photos) or PNG (for PNG ones) at most ThumbnailSize pixels on its longer
// side, upright by the photo's EXIF orientation. It returns nil and no error
// for documents and for pictures too large to decode.
func (r reader) AttachmentThumbnail(ctx context.Context, attID int64) ([]byte, error) {
	var b []byte
	err := r.q().QueryRowContext(ctx, `SELECT thumbnail FROM submission_attachments WHERE id = ?`, attID).Scan(&b)
	if errors.Is(err, sql.ErrNoRows) {
		err = ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("thumbnail of attachment %d: %w", attID, err)
	}
	return b, nil
}

// SetAttachmentCaption changes the caption of an attachment.
func (s *Store) SetAttachmentCaption(ctx context.Context, attID int64, caption string) error {
	now := s.now()
	return s.write(ctx, fmt.Sprintf("caption attachment %d", attID), func(tx dbtx) error {
		if err := execOne(ctx, tx, `UPDATE submission_attachments SET caption = ? WHERE id = ?`, caption, attID); err != nil {
			return err
		}
		return touchOwner(ctx, tx, attID, now)
	})
}

// RemoveAttachment deletes an attachment.
func (s *Store) RemoveAttachment(ctx context.Context, attID int64) error {
	now := s.now()
	return s.write(ctx, fmt.Sprintf("remove attachment %d", attID), func(tx dbtx) error {
		// Touch the owner first, while the attachment still points at it.
		if err := touchOwner(ctx, tx, attID, now); err != nil {
			return err
		}
		return execOne(ctx, tx, `DELETE FROM submission_attachments WHERE id = ?`, attID)
	})
}

// touchOwner bumps Updated of the submission attachment attID belongs to.
func touchOwner(ctx context.Context, tx dbtx, attID int64, now time.Time) error {
	return execOne(ctx, tx, `UPDATE submissions SET updated_unix = ?
		WHERE id = (SELECT submission_id FROM submission_attachments WHERE id = ?)`, now.Unix(), attID)
}

// makeThumbnail scales a JPEG or PNG picture to fit ThumbnailSize, turns it
// upright by its EXIF orientation, and encodes it like the original (JPEG
// or PNG, which keeps transparency). A picture whose decoding would take
// more than picture.Budget (read from its header, before anything is
// decoded) or that has more than maxThumbnailPixels gives nil: it is kept,
// without a thumbnail.
func makeThumbnail(b []byte, mime string) ([]byte, error) {
	hdr, err := picture.Check(b)
	if errors.Is(err, picture.ErrTooLarge) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read picture size: %w", err)
	}
	if hdr.Width <= 0 || hdr.Height <= 0 {
		return nil, errors.New("picture has no pixels")
	}
	if int64(hdr.Width)*int64(hdr.Height) > maxThumbnailPixels {
		return nil, nil
	}
	src, _, err := picture.Decode(b)
	if err != nil {
		return nil, fmt.Errorf("decode picture: %w", err)
	}
	w, h := fit(hdr.Width, hdr.Height, ThumbnailSize)
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.CatmullRom.Scale(dst, dst.Bounds(), src, src.Bounds(), draw.Src, nil)
	var out image.Image = dst
	if mime == "image/jpeg" {
		out = orient(dst, photo.Orientation(b))
	}
	var buf bytes.Buffer
	if mime == "image/png" {
		err = (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(&buf, out)
	} else {
		err = jpeg.Encode(&buf, out, &jpeg.Options{Quality: 80})
	}
	if err != nil {
		return nil, fmt.Errorf("encode thumbnail: %w", err)
	}
	return buf.Bytes(), nil
}

// fit scales w×h to fit in a square of the given side, keeping the aspect ratio
// and never enlarging.
func fit(w, h, side int) (int, int) {
	if w <= side && h <= side {
		return w, h
	}
	if w >= h {
		return side, max(1, (h*side+w/2)/w)
	}
	return max(1, (w*side+h/2)/h), side
}

// orient turns img upright by an EXIF orientation.
func orient(img *image.RGBA, o int) image.Image {
	if o <= 1 || o > 8 {
		return img
	}
	w, h := img.Bounds().Dx(), img.Bounds().Dy()
	dw, dh := w, h
	if o >= 5 {
		dw, dh = h, w
	}
	dst := image.NewRGBA(image.Rect(0, 0, dw, dh))
	for y := 0; y < dh; y++ {
		for x := 0; x < dw; x++ {
			var sx, sy int
			switch o {
			case 2: // mirrored
				sx, sy = w-1-x, y
			case 3: // upside down
				sx, sy = w-1-x, h-1-y
			case 4: // mirrored upside down
				sx, sy = x, h-1-y
			case 5: // mirrored, turned
				sx, sy = y, x
			case 6: // turn clockwise
				sx, sy = y, h-1-x
			case 7:
				sx, sy = w-1-y, h-1-x
			case 8: // turn anticlockwise
				sx, sy = w-1-y, x
			}
			si := img.PixOffset(sx, sy)
			di := dst.PixOffset(x, y)
			copy(dst.Pix[di:di+4], img.Pix[si:si+4])
		}
	}
	return dst
}
