package io.qmoe.spark;

import io.qmoe.report.SampleFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A {@link SampleFiles.Folder} on a Hadoop FileSystem path ({@code file:}, {@code hdfs:}, {@code s3a:}, …) that the
 * driver and every executor reach: the sample store of {@code qmoe analyze --resume} on a cluster. A file is written to
 * a hidden temporary name and renamed into place, so a reader never sees half a sample. On {@code file:} the raw local
 * file system is used (no {@code .crc} side files). Serializable: only the URI travels; each JVM opens its own
 * FileSystem with the default Hadoop configuration of its class path.
 */
public final class HadoopFolder implements SampleFiles.Folder {
    private static final long serialVersionUID = 1L;
    private final String uri;
    private transient FileSystem fs;

    /** The folder at {@code uri} (created when the first file is written). */
    public HadoopFolder(String uri) {
        URI parsed = URI.create(uri);
        if (parsed.getScheme() == null) {
            throw new IllegalArgumentException("sample store '" + uri + "' needs a scheme (file:, hdfs:, s3a:, ...)");
        }
        this.uri = uri.endsWith("/") && uri.length() > 1 ? uri.substring(0, uri.length() - 1) : uri;
    }

    private synchronized FileSystem fs() throws IOException {
        if (fs == null) {
            FileSystem f = FileSystem.get(URI.create(uri), new Configuration());
            fs = f instanceof LocalFileSystem local ? local.getRawFileSystem() : f;
        }
        return fs;
    }

    private Path path(String name) {
        return new Path(uri + "/" + name);
    }

    @Override
    public Optional<String> read(String name) throws IOException {
        Path p = path(name);
        if (!fs().exists(p)) {
            return Optional.empty();
        }
        try (InputStream in = fs().open(p)) {
            return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Override
    public void write(String name, String text) throws IOException {
        FileSystem f = fs();
        Path dir = new Path(uri);
        f.mkdirs(dir);
        Path tmp = path("." + name + "." + UUID.randomUUID() + ".tmp");
        try (OutputStream out = f.create(tmp, true)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        Path target = path(name);
        if (f.exists(target)) {
            f.delete(target, false);
        }
        if (!f.rename(tmp, target)) {
            f.delete(tmp, false);
            throw new IOException("cannot rename " + tmp + " to " + target);
        }
    }

    @Override
    public List<String> list() throws IOException {
        Path dir = new Path(uri);
        if (!fs().exists(dir)) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        for (FileStatus s : fs().listStatus(dir)) {
            if (s.isFile()) {
                names.add(s.getPath().getName());
            }
        }
        names.sort(null);
        return names;
    }

    @Override
    public void delete(String name) throws IOException {
        fs().delete(path(name), false);
    }

    @Override
    public String describe() {
        return uri;
    }

    @Override
    public String describeParent() {
        Path parent = new Path(uri).getParent();
        return parent == null ? uri : parent.toString();
    }
}
