package io.gridpulse.directory;

import io.gridpulse.schema.Customer;
import java.time.Instant;

/**
 * One version of a customer's master data; a row of {@code customer_directory}, keyed by
 * customer_id and versioned by {@code updated_at}, so the newest version wins after FINAL.
 */
public record DirectoryRow(
        String customerId,
        String meterId,
        String gridId,
        String stationId,
        String county,
        String transformerArea,
        String areaType,
        String segment,
        int readIntervalMinutes,
        int hasPhone,
        int contactVerified,
        int smsBound,
        int wechatBound,
        int prepaymentAgreement,
        int autoDebitAgreement,
        int active,
        Instant updatedAt,
        long version) {

    public static DirectoryRow of(Customer c) {
        return new DirectoryRow(
                c.getCustomerId(),
                c.getMeterId(),
                c.getGridId(),
                c.getStationId(),
                c.getCounty(),
                c.getTransformerArea(),
                c.getAreaType().name(),
                c.getSegment().name(),
                c.getReadIntervalMinutes(),
                flag(c.getPhone() != null && !c.getPhone().isBlank()),
                flag(c.getContactVerified()),
                flag(c.getSmsBound()),
                flag(c.getWechatBound()),
                flag(c.getPrepaymentAgreement()),
                flag(c.getAutoDebitAgreement()),
                flag(c.getActive()),
                c.getUpdatedAt(),
                c.getUpdatedAt().toEpochMilli());
    }

    private static int flag(boolean b) {
        return b ? 1 : 0;
    }
}
