package io.gridpulse.directory;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridpulse.schema.AreaType;
import io.gridpulse.schema.Customer;
import io.gridpulse.schema.Segment;
import io.gridpulse.testing.Events;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A customer version becomes one directory row, versioned by when it became valid. */
class DirectoryRowTest {

    private static final Instant UPDATED = Instant.parse("2026-03-02T08:15:00Z");

    private static Customer.Builder customer() {
        return Events.customer("C-1", "M-1", UPDATED)
                .setGridId("G-01")
                .setCounty("East County")
                .setTransformerArea("T-7")
                .setAreaType(AreaType.RURAL)
                .setSegment(Segment.SHOP);
    }

    @Test
    void shouldCarryWhereTheCustomerIsAndHowToReachThem() {
        DirectoryRow row =
                DirectoryRow.of(
                        customer()
                                .setPhone("13800000000")
                                .setSmsBound(true)
                                .setAutoDebitAgreement(true)
                                .build());
        assertThat(row)
                .isEqualTo(
                        new DirectoryRow(
                                "C-1",
                                "M-1",
                                "G-01",
                                "S-1",
                                "East County",
                                "T-7",
                                "RURAL",
                                "SHOP",
                                15,
                                1,
                                0,
                                1,
                                0,
                                0,
                                1,
                                1,
                                UPDATED,
                                UPDATED.toEpochMilli()));
    }

    @Test
    void shouldCountABlankPhoneAsNoPhoneAndAClosedAccountAsInactive() {
        DirectoryRow row = DirectoryRow.of(customer().setPhone(" ").setActive(false).build());
        assertThat(row.hasPhone()).isZero();
        assertThat(row.active()).isZero();
    }
}
