package io.gridpulse.common.clickhouse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The SQL files of {@code schemas/clickhouse}, read from the classpath (a directory in the build, a
 * folder inside the job jar): migrations in name order, and named queries.
 */
public final class SqlResources {

    private static final String ROOT = "clickhouse/";

    private SqlResources() {}

    /** File name → text of every {@code clickhouse/<folder>/*.sql}, sorted by name. */
    public static Map<String, String> folder(String folder) {
        URL url = SqlResources.class.getClassLoader().getResource(ROOT + folder);
        if (url == null) {
            throw new IllegalStateException(
                    "no " + ROOT + folder + " on the classpath: is gridpulse-schemas there?");
        }
        try {
            if ("jar".equals(url.getProtocol())) {
                try (FileSystem jar =
                        FileSystems.newFileSystem(url.toURI(), Collections.emptyMap())) {
                    return read(jar.getPath(ROOT + folder));
                }
            }
            return read(Path.of(url.toURI()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The text of {@code clickhouse/queries/<name>.sql}. */
    public static String query(String name) {
        String path = ROOT + "queries/" + name + ".sql";
        try (InputStream in = SqlResources.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no query " + path + " on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The statements of a SQL file: split at a {@code ;} that ends a line, comment-only pieces
     * dropped.
     */
    public static List<String> statements(String sql) {
        List<String> statements = new ArrayList<>();
        for (String piece : sql.split(";[ \\t]*(\\r?\\n|$)")) {
            boolean onlyComments =
                    piece.lines()
                            .map(String::strip)
                            .allMatch(l -> l.isEmpty() || l.startsWith("--"));
            if (!onlyComments) {
                statements.add(piece.strip());
            }
        }
        return statements;
    }

    private static Map<String, String> read(Path dir) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> list = Files.list(dir)) {
            for (Path p : (Iterable<Path>) list::iterator) {
                String name = p.getFileName().toString();
                if (name.endsWith(".sql")) {
                    files.put(name, Files.readString(p, StandardCharsets.UTF_8));
                }
            }
        }
        return files;
    }
}
