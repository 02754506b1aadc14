package io.gridpulse.streams;

import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;

/**
 * Writer schemas published after a reader was built: the compacted {@link Topics#SCHEMAS} topic, to
 * which a producer publishes a new version before it writes with it. Entries are keyed by {@link
 * #key(Schema)}: {@code <record full name>/<fingerprint hex>}; the value is the schema's JSON.
 */
@FunctionalInterface
public interface PublishedSchemas {

    /** No schema is published anywhere: only compiled and released writers are read. */
    PublishedSchemas NONE = (fullName, fingerprint) -> Optional.empty();

    /**
     * The writer schema of {@code fullName} with this fingerprint, if it is published. Called only
     * for fingerprints a reader does not know; implementations may block briefly to look it up.
     */
    Optional<Schema> find(String fullName, long fingerprint);

    /**
     * The catalog key of a writer schema: {@code <full name>/<16 hex digits of its fingerprint>}.
     */
    static String key(Schema schema) {
        return key(schema.getFullName(), fingerprint(schema));
    }

    static String key(String fullName, long fingerprint) {
        return fullName + "/" + hex(fingerprint);
    }

    /** The 64-bit fingerprint Avro's single-object encoding puts in each record's header. */
    static long fingerprint(Schema schema) {
        return SchemaNormalization.parsingFingerprint64(schema);
    }

    static String hex(long fingerprint) {
        return String.format("%016x", fingerprint);
    }
}
