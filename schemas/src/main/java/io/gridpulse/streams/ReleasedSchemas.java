package io.gridpulse.streams;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;

/**
 * The schema versions GridPulse has released, kept in {@code schemas/} as resources ({@code
 * io/gridpulse/schema/released/v<N>/}, each with an {@code index.txt} of its files). A reader
 * resolves a record's writer schema by the fingerprint in its header among these, so records
 * written with any released version stay readable after the schemas change: a newer job reads old
 * records, and a job built with a newer release reads the records of producers that moved first.
 */
public final class ReleasedSchemas {

    private static final String ROOT = "io/gridpulse/schema/released/";

    private ReleasedSchemas() {}

    /** Every released version of the record named {@code fullName}, oldest first. */
    public static List<Schema> of(String fullName) {
        List<Schema> found = new ArrayList<>();
        for (int version = 1; ; version++) {
            String dir = ROOT + "v" + version + "/";
            List<String> files = lines(dir + "index.txt");
            if (files == null) {
                return found;
            }
            for (String file : files) {
                Schema schema = parse(dir + file);
                if (schema.getFullName().equals(fullName)) {
                    found.add(schema);
                }
            }
        }
    }

    private static Schema parse(String resource) {
        try (InputStream in = loader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("released schema missing: " + resource);
            }
            return new Schema.Parser().parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read released schema " + resource, e);
        }
    }

    private static List<String> lines(String resource) {
        try (InputStream in = loader().getResourceAsStream(resource)) {
            if (in == null) {
                return null;
            }
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))
                    .lines()
                    .map(String::strip)
                    .filter(l -> !l.isEmpty())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    private static ClassLoader loader() {
        return ReleasedSchemas.class.getClassLoader();
    }
}
