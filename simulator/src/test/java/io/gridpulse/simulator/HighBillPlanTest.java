package io.gridpulse.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridpulse.schema.Bill;
import io.gridpulse.schema.Customer;
import io.gridpulse.streams.Topics;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class HighBillPlanTest {

    private static final SimulationConfig CONFIG = SimulationConfig.of(150, 40, 5);
    private static final SimulatedRuns.Run RUN = SimulatedRuns.run(CONFIG);

    private static List<HighBillLabel> labels() {
        return RUN.truth().highBills();
    }

    @Test
    void shouldLabelOnlyPeriodsWhollyInsideTheRun() {
        LocalDate firstDay = CONFIG.start().atOffset(ZoneOffset.ofHours(8)).toLocalDate();
        LocalDate lastDay = CONFIG.end().atOffset(ZoneOffset.ofHours(8)).toLocalDate();

        assertThat(labels()).hasSizeGreaterThan(CONFIG.customers() / 5);
        assertThat(labels())
                .allSatisfy(
                        l -> {
                            assertThat(l.periodStart()).isAfter(firstDay);
                            assertThat(l.periodEnd()).isBeforeOrEqualTo(lastDay);
                            assertThat(l.periodEnd()).isEqualTo(l.periodStart().plusMonths(1));
                        });
    }

    @Test
    void shouldMakeMostGenuineRisesHighAndNoOrdinaryVariationHigh() {
        Map<String, List<HighBillLabel>> byCause =
                labels().stream().collect(Collectors.groupingBy(HighBillLabel::cause));

        assertThat(byCause.get("APPLIANCE")).isNotEmpty();
        assertThat(byCause.get("MILD_VARIATION")).isNotEmpty();
        // against last year's bill; a new customer's base is the segment's, see below
        assertThat(byCause.get("NONE"))
                .filteredOn(l -> l.baseSource().equals("LAST_YEAR"))
                .noneMatch(HighBillLabel::high);
        assertThat(byCause.get("MILD_VARIATION"))
                .filteredOn(l -> l.baseSource().equals("LAST_YEAR"))
                .noneMatch(HighBillLabel::high);
        assertThat(byCause.get("VACATION")).isNotEmpty().noneMatch(HighBillLabel::high);
        assertThat(byCause.get("APPLIANCE").stream().filter(HighBillLabel::high).count())
                .isGreaterThan(byCause.get("APPLIANCE").size() / 2);
    }

    @Test
    void shouldIssueLastYearsBillForEveryLabelledPeriodOfACustomerWithHistory() {
        Set<String> history =
                RUN.sink().values(Topics.BILLS, Bill.class).stream()
                        .map(b -> b.getCustomerId() + "/" + b.getPeriod())
                        .collect(Collectors.toSet());

        assertThat(labels())
                .filteredOn(l -> l.baseSource().equals("LAST_YEAR"))
                .allSatisfy(
                        l ->
                                assertThat(history)
                                        .contains(
                                                l.customerId()
                                                        + "/"
                                                        + YearMonth.parse(l.period())
                                                                .minusYears(1)));
    }

    @Test
    void shouldCompareNewCustomersWithTheirSegmentsTypicalBill() {
        Set<String> billed =
                RUN.sink().values(Topics.BILLS, Bill.class).stream()
                        .map(b -> b.getCustomerId() + "/" + b.getPeriod())
                        .collect(Collectors.toSet());
        List<HighBillLabel> newcomers =
                labels().stream().filter(l -> l.baseSource().equals("SEGMENT")).toList();

        assertThat(newcomers).isNotEmpty().hasSizeLessThan(labels().size() / 5);
        assertThat(newcomers)
                .allSatisfy(
                        l -> {
                            assertThat(billed)
                                    .doesNotContain(
                                            l.customerId()
                                                    + "/"
                                                    + YearMonth.parse(l.period()).minusYears(1));
                            assertThat(l.lastYearKwh().signum()).isZero();
                            assertThat(l.lastYearAmount())
                                    .isIn(
                                            new BigDecimal("130.00"),
                                            new BigDecimal("75.00"),
                                            new BigDecimal("900.00"),
                                            new BigDecimal("14000.00"));
                        });
    }

    @Test
    void shouldPublishTheBillingDayAndAFewOptOuts() {
        List<Customer> customers = RUN.sink().values(Topics.CUSTOMERS, Customer.class);

        assertThat(customers).allSatisfy(c -> assertThat(c.getBillingDay()).isBetween(1, 28));
        assertThat(customers).anyMatch(Customer::getHighBillOptOut);
        assertThat(customers.stream().filter(Customer::getHighBillOptOut).count())
                .isLessThan(customers.size() / 10);
    }

    @Test
    void shouldLabelTheSameWayForTheSameSeed() {
        assertThat(SimulatedRuns.run(CONFIG).truth().highBills()).isEqualTo(labels());
    }
}
