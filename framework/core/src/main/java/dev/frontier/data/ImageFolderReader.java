package dev.frontier.data;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Reads an image folder: one sub-folder per class (classes sorted by folder name give the label
 * indices), each holding PNG or JPEG files (other files and hidden entries are ignored). Images are
 * converted to the asked channel count and, when asked, resized (bilinear); without a resize every
 * image must have the same size. Every error names the file or folder.
 */
public final class ImageFolderReader {
    private ImageFolderReader() {}

    /**
     * One decoded image: its bands as stored (1 gray or 3 RGB), size, and bytes in channel x row x
     * col order.
     */
    private record Decoded(Path file, int channels, int rows, int cols, byte[] chw) {}

    /** The image files of a folder, by class, in sorted order. */
    private record Listing(List<String> classes, List<Path> files, int[] labels) {}

    /**
     * Reads {@code dir} with the classes found there; {@code channels} 0 keeps gray when every
     * image is gray (else 3), {@code rows}/{@code cols} 0 keeps the stored size.
     */
    public static ImageSet read(Path dir, int channels, int rows, int cols) {
        return read(dir, null, channels, rows, cols);
    }

    /**
     * Reads {@code dir} whose class folders must be among {@code classes} (the training split's,
     * which give the label indices; null: whatever is there), otherwise as {@link #read(Path, int,
     * int, int)}.
     */
    public static ImageSet read(Path dir, List<String> classes, int channels, int rows, int cols) {
        Listing listing = list(dir, classes);
        List<Decoded> images = new ArrayList<>(listing.files().size());
        boolean allGray = true;
        for (Path f : listing.files()) {
            Decoded d = decode(f);
            allGray &= d.channels() == 1;
            images.add(d);
        }
        int c = channels > 0 ? channels : allGray ? 1 : 3;
        int h = rows > 0 ? rows : images.get(0).rows();
        int w = cols > 0 ? cols : images.get(0).cols();
        int per = c * h * w;
        byte[] px = new byte[images.size() * per];
        for (int i = 0; i < images.size(); i++) {
            Decoded d = images.get(i);
            if (rows == 0 && (d.rows() != h || d.cols() != w)) {
                throw new DataException(
                        d.file()
                                + ": image is "
                                + d.cols()
                                + "x"
                                + d.rows()
                                + " (width x height) but "
                                + images.get(0).file()
                                + " is "
                                + w
                                + "x"
                                + h
                                + "; declare resize: [rows, cols] in the dataset");
            }
            byte[] converted = resize(channels(d, c), c, d.rows(), d.cols(), h, w);
            System.arraycopy(converted, 0, px, i * per, per);
        }
        return new ImageSet(px, listing.labels(), c, h, w, listing.classes());
    }

    /**
     * The class folders and their image files; an empty class folder or no class folder at all is
     * an error.
     */
    private static Listing list(Path dir, List<String> expected) {
        if (!Files.exists(dir)) {
            throw new DataException(dir + ": image folder does not exist");
        }
        if (!Files.isDirectory(dir)) {
            throw new DataException(
                    dir + ": not a folder; an image folder holds one sub-folder per class");
        }
        List<Path> classDirs;
        try (Stream<Path> s = Files.list(dir)) {
            classDirs = s.filter(Files::isDirectory).filter(p -> !hidden(p)).sorted().toList();
        } catch (IOException e) {
            throw new DataException(dir + ": cannot list: " + e.getMessage(), e);
        }
        List<String> classes = classDirs.stream().map(p -> p.getFileName().toString()).toList();
        if (classes.isEmpty()) {
            throw new DataException(
                    dir
                            + ": no class sub-folders; an image folder holds one sub-folder per class"
                            + " (e.g. "
                            + dir.resolve("cat")
                            + "/1.png)");
        }
        for (String c : classes) {
            if (expected != null && !expected.contains(c)) {
                throw new DataException(
                        dir.resolve(c)
                                + ": class '"
                                + c
                                + "' is not one of the training split's "
                                + expected);
            }
        }
        List<Path> files = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int k = 0; k < classDirs.size(); k++) {
            List<Path> images;
            try (Stream<Path> s = Files.list(classDirs.get(k))) {
                images = s.filter(ImageFolderReader::isImage).sorted().toList();
            } catch (IOException e) {
                throw new DataException(classDirs.get(k) + ": cannot list: " + e.getMessage(), e);
            }
            if (images.isEmpty()) {
                throw new DataException(
                        classDirs.get(k) + ": empty class folder (no .png, .jpg or .jpeg files)");
            }
            files.addAll(images);
            int label = expected == null ? k : expected.indexOf(classes.get(k));
            for (int i = 0; i < images.size(); i++) {
                labels.add(label);
            }
        }
        return new Listing(
                expected == null ? classes : expected,
                files,
                labels.stream().mapToInt(Integer::intValue).toArray());
    }

    private static boolean hidden(Path p) {
        return p.getFileName().toString().startsWith(".");
    }

    /** Whether {@code p} is a visible PNG or JPEG file (by extension). */
    static boolean isImage(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return !hidden(p)
                && Files.isRegularFile(p)
                && (n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg"));
    }

    /**
     * Decodes one file: gray (1 band, or gray + alpha) stays one channel, exactly; anything else
     * becomes RGB.
     */
    private static Decoded decode(Path f) {
        BufferedImage img;
        try {
            img = ImageIO.read(f.toFile());
        } catch (IOException | RuntimeException e) {
            throw new DataException(f + ": unreadable image: " + e.getMessage(), e);
        }
        if (img == null) {
            throw new DataException(
                    f + ": unreadable image (not a PNG or JPEG file ImageIO can decode)");
        }
        int h = img.getHeight();
        int w = img.getWidth();
        Raster r = img.getRaster();
        boolean gray = img.getColorModel().getColorSpace().getNumComponents() == 1;
        if (gray) {
            int bits = img.getColorModel().getComponentSize(0);
            byte[] out = new byte[h * w];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int v = r.getSample(x, y, 0);
                    out[y * w + x] =
                            (byte)
                                    (bits > 8
                                            ? v >> (bits - 8)
                                            : bits < 8 ? v * 255 / ((1 << bits) - 1) : v);
                }
            }
            return new Decoded(f, 1, h, w, out);
        }
        byte[] out = new byte[3 * h * w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = img.getRGB(x, y);
                out[y * w + x] = (byte) (rgb >> 16);
                out[h * w + y * w + x] = (byte) (rgb >> 8);
                out[2 * h * w + y * w + x] = (byte) rgb;
            }
        }
        return new Decoded(f, 3, h, w, out);
    }

    /**
     * The image's bytes with {@code c} channels: gray replicated to RGB, RGB to gray by luma (ITU-R
     * BT.601).
     */
    private static byte[] channels(Decoded d, int c) {
        return channels(d.chw(), d.channels(), c, d.rows() * d.cols());
    }

    /**
     * {@code s} (channel-major, {@code n} pixels a channel) from {@code from} channels to {@code
     * c}.
     */
    static byte[] channels(byte[] s, int from, int c, int n) {
        if (from == c) {
            return s;
        }
        if (from != 1 && from != 3 || c != 1 && c != 3) {
            throw new DataException(
                    "cannot convert " + from + " channels to " + c + " (1 gray or 3 RGB)");
        }
        byte[] out = new byte[c * n];
        if (from == 1) {
            for (int k = 0; k < c; k++) {
                System.arraycopy(s, 0, out, k * n, n);
            }
        } else {
            for (int p = 0; p < n; p++) {
                double y =
                        0.299 * (s[p] & 0xFF)
                                + 0.587 * (s[n + p] & 0xFF)
                                + 0.114 * (s[2 * n + p] & 0xFF);
                out[p] = (byte) Math.min(255, (int) Math.round(y));
            }
        }
        return out;
    }

    /**
     * Bilinear resize of each channel (pixel centres aligned); the same bytes when the size already
     * matches.
     */
    static byte[] resize(byte[] src, int c, int h, int w, int nh, int nw) {
        if (h == nh && w == nw) {
            return src;
        }
        byte[] out = new byte[c * nh * nw];
        double sy = (double) h / nh;
        double sx = (double) w / nw;
        for (int k = 0; k < c; k++) {
            int base = k * h * w;
            for (int y = 0; y < nh; y++) {
                double fy = Math.max(0, Math.min(h - 1, (y + 0.5) * sy - 0.5));
                int y0 = (int) fy;
                int y1 = Math.min(h - 1, y0 + 1);
                double dy = fy - y0;
                for (int x = 0; x < nw; x++) {
                    double fx = Math.max(0, Math.min(w - 1, (x + 0.5) * sx - 0.5));
                    int x0 = (int) fx;
                    int x1 = Math.min(w - 1, x0 + 1);
                    double dx = fx - x0;
                    double v =
                            (1 - dy)
                                            * ((1 - dx) * (src[base + y0 * w + x0] & 0xFF)
                                                    + dx * (src[base + y0 * w + x1] & 0xFF))
                                    + dy
                                            * ((1 - dx) * (src[base + y1 * w + x0] & 0xFF)
                                                    + dx * (src[base + y1 * w + x1] & 0xFF));
                    out[k * nh * nw + y * nw + x] = (byte) Math.min(255, (int) Math.round(v));
                }
            }
        }
        return out;
    }
}
