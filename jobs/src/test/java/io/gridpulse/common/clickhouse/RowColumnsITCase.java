package io.gridpulse.common.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridpulse.Jobs;
import io.gridpulse.common.job.ExecutionSetup;
import io.gridpulse.common.job.GridPulseJob;
import io.gridpulse.common.job.JobContext;
import io.gridpulse.testing.TestStack;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Every row type a job writes matches its table as the migrations made it: each field has a column,
 * and each column without a default has a field. A mismatch would otherwise surface only as a
 * refused insert at run time.
 */
@Timeout(60)
class RowColumnsITCase {

    static final List<GridPulseJob> JOBS = Jobs.ALL;

    @TempDir Path checkpoints;

    @ParameterizedTest(name = "{0}")
    @FieldSource("JOBS")
    void shouldWriteRowsWhoseFieldsAreTheTablesColumns(GridPulseJob job) throws Exception {
        TestStack stack = TestStack.fresh("columns-" + job.name(), checkpoints, Map.of());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        ExecutionSetup.apply(env, stack.config(), job.name());
        JobContext context = new JobContext(env, stack.config(), job.name(), true);
        job.wiring().wire(context);

        assertThat(context.tables()).as("tables written by " + job.name()).isNotEmpty();
        try (var ch = stack.clickHouse()) {
            for (var table : context.tables().entrySet()) {
                List<Map<String, String>> columns =
                        ch.rows(
                                "SELECT name, default_kind FROM system.columns WHERE database ="
                                        + " currentDatabase() AND table = '"
                                        + table.getKey()
                                        + "'");
                Set<String> all = names(columns, c -> true);
                Set<String> required = names(columns, c -> c.get("default_kind").isEmpty());
                List<String> fields = new JsonEachRow<>(table.getValue()).columns();

                assertThat(all).as("columns of table " + table.getKey()).isNotEmpty();
                assertThat(all)
                        .as(
                                table.getValue().getSimpleName()
                                        + " fields are columns of "
                                        + table.getKey())
                        .containsAll(fields);
                assertThat(fields)
                        .as(
                                "columns of "
                                        + table.getKey()
                                        + " without a default are fields of "
                                        + table.getValue().getSimpleName())
                        .containsAll(required);
            }
        }
    }

    private static Set<String> names(
            List<Map<String, String>> columns, Predicate<Map<String, String>> which) {
        return columns.stream().filter(which).map(c -> c.get("name")).collect(Collectors.toSet());
    }
}
