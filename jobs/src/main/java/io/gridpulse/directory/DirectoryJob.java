package io.gridpulse.directory;

import io.gridpulse.common.job.GridPulseJob;
import io.gridpulse.common.job.JobContext;
import io.gridpulse.schema.Customer;
import io.gridpulse.streams.Topics;
import java.util.List;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * The directory job: keeps {@code customer_directory} equal to the newest version of every customer
 * on the {@code customers} changelog. Dashboards filter by county, station, grid and customer
 * through it, and the contact and binding KPIs count from it. Stateless: the table's version column
 * makes the newest version win, in whatever order versions arrive.
 */
public final class DirectoryJob {

    public static final String NAME = "directory";

    public static final GridPulseJob JOB = new GridPulseJob(NAME, List.of(), DirectoryJob::wire);

    private DirectoryJob() {}

    public static void wire(JobContext context) {
        build(
                context.dimension(Topics.CUSTOMERS, Customer.class),
                context.table("customer_directory", DirectoryRow.class));
        context.routeDeadLetters();
    }

    public static void build(DataStream<Customer> customers, Sink<DirectoryRow> directory) {
        customers
                .map(DirectoryRow::of)
                .name("directory rows")
                .uid("directory-rows")
                .sinkTo(directory)
                .name("customer_directory")
                .uid("sink-customer-directory");
    }
}
