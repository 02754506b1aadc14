package io.gridpulse.tools.schemas;

import io.gridpulse.GridPulse;
import io.gridpulse.cli.Cli;
import io.gridpulse.common.config.ConfigException;
import io.gridpulse.common.kafka.KafkaSettings;
import io.gridpulse.common.kafka.SchemaTopic;
import io.gridpulse.streams.AvroCodec;
import io.gridpulse.streams.PublishedSchemas;
import io.gridpulse.streams.Topics;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ./gridpulse schemas publish FILE.avsc} and {@code ./gridpulse schemas list}: the catalog
 * of writer schemas a producer publishes before it writes with a new version, so the running jobs
 * read it without a restart. A schema the jobs' compiled record cannot read is refused (exit 2)
 * with the incompatibility named; publishing the same schema again changes nothing.
 */
@Command(
        name = "schemas",
        description =
                "The catalog of writer schemas on the compacted schemas topic: publish a new"
                        + " version before producing with it; list what is published.",
        footer = {
            "",
            "Example:",
            "  ./gridpulse schemas publish MeterRead-v2.avsc",
            "  ./gridpulse schemas list"
        })
public final class SchemasCommand {

    @Mixin private Cli.Help help;
    @Spec private CommandSpec spec;

    @Command(
            name = "publish",
            description = {
                "Publishes a writer schema of a GridPulse record (Avro .avsc) to the schemas topic,"
                        + " after checking that the jobs' compiled record can read it (Avro schema"
                        + " resolution).",
                "Exit 2 when it cannot, naming the incompatibility; publishing again is a no-op."
            },
            footer = {"", "Example:", "  ./gridpulse schemas publish MeterRead-v2.avsc"})
    int publish(
            @Mixin Cli.Help help,
            @Parameters(paramLabel = "FILE", description = "the writer schema (.avsc)") Path file)
            throws InterruptedException {
        Schema writer = parse(file);
        KafkaSettings kafka = KafkaSettings.from(GridPulse.config(spec));
        if (!topicExists(kafka)) {
            return Cli.FAILED;
        }
        String key = PublishedSchemas.key(writer);
        String published = SchemaTopic.entries(kafka).get(key);
        if (published != null) {
            if (!new Schema.Parser().parse(published).equals(writer)) {
                throw new ConfigException(
                        file
                                + ": a different schema with the same fingerprint is already"
                                + " published as "
                                + key
                                + " (defaults or docs differ); publish a new version instead");
            }
            out().println("already published: " + key);
            return Cli.OK;
        }
        SchemaTopic.publish(kafka, writer);
        out().println("published: " + key);
        return Cli.OK;
    }

    @Command(
            name = "list",
            description =
                    "Lists the published writer schemas (key <record>/<fingerprint>) and whether"
                            + " this build's compiled records read them.",
            footer = {"", "Example:", "  ./gridpulse schemas list"})
    int list(@Mixin Cli.Help help) {
        KafkaSettings kafka = KafkaSettings.from(GridPulse.config(spec));
        if (!topicExists(kafka)) {
            return Cli.FAILED;
        }
        Map<String, String> entries = SchemaTopic.entries(kafka);
        entries.forEach(
                (key, json) -> {
                    String state;
                    try {
                        state =
                                readerOf(new Schema.Parser().parse(json))
                                        .map(problem -> "NOT readable: " + problem)
                                        .orElse("readable");
                    } catch (SchemaParseException | ConfigException e) {
                        state = "NOT readable: " + e.getMessage();
                    }
                    out().println(key + "\t" + state);
                });
        err().println(entries.size() + " schemas published on " + kafka.topic(Topics.SCHEMAS));
        return Cli.OK;
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }

    private PrintWriter err() {
        return spec.commandLine().getErr();
    }

    private boolean topicExists(KafkaSettings kafka) {
        if (SchemaTopic.exists(kafka)) {
            return true;
        }
        err().println(
                        "gridpulse: topic "
                                + kafka.topic(Topics.SCHEMAS)
                                + " does not exist: run ./gridpulse setup first");
        return false;
    }

    /**
     * Reads and checks a writer schema file; throws ConfigException (exit 2) when it is not Avro,
     * names no GridPulse record, or cannot be read by the compiled record.
     */
    static Schema parse(Path file) {
        Schema writer;
        try {
            writer = new Schema.Parser().parse(Files.readString(file));
        } catch (IOException e) {
            throw new ConfigException("cannot read " + file + ": " + e.getMessage());
        } catch (SchemaParseException e) {
            throw new ConfigException(file + " is not an Avro schema: " + e.getMessage());
        }
        Optional<String> problem = readerOf(writer);
        if (problem.isPresent()) {
            throw new ConfigException(
                    file
                            + ": the jobs' compiled "
                            + writer.getFullName()
                            + " cannot read this writer: "
                            + problem.get());
        }
        return writer;
    }

    /** Why the compiled record of the writer's name cannot read it, or empty when it can. */
    private static Optional<String> readerOf(Schema writer) {
        if (writer.getType() != Schema.Type.RECORD) {
            throw new ConfigException("a writer schema is a record, not a " + writer.getType());
        }
        Class<?> compiled = SpecificData.get().getClass(writer);
        if (compiled == null || !SpecificRecord.class.isAssignableFrom(compiled)) {
            throw new ConfigException(
                    "no GridPulse record is named " + writer.getFullName() + " (see schemas/)");
        }
        return AvroCodec.incompatibility(SpecificData.get().getSchema(compiled), writer);
    }
}
