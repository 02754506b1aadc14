package io.gridpulse.simulator;

import io.gridpulse.schema.Bill;
import io.gridpulse.schema.Customer;
import io.gridpulse.schema.MeterRead;
import io.gridpulse.schema.Notice;
import io.gridpulse.schema.NoticeChannel;
import io.gridpulse.schema.NoticeKind;
import io.gridpulse.schema.Payment;
import io.gridpulse.schema.PaymentChannel;
import io.gridpulse.schema.QualityFlag;
import io.gridpulse.schema.ReadSource;
import io.gridpulse.schema.SwitchAction;
import io.gridpulse.schema.SwitchEvent;
import io.gridpulse.schema.SwitchReason;
import io.gridpulse.schema.SwitchStage;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * Turns the simulator's integer state (milli-kWh, fen, epoch millis) into the Avro records of the
 * topics, with the decimal scales the schemas declare: 3 for kWh, 2 for money.
 */
final class Records {

    private Records() {}

    static BigDecimal kwh(long milliKwh) {
        return BigDecimal.valueOf(milliKwh, 3);
    }

    static BigDecimal money(long cents) {
        return BigDecimal.valueOf(cents, 2);
    }

    static MeterRead meterRead(
            Meter meter,
            long readTime,
            Registers registers,
            ReadSource source,
            List<QualityFlag> flags) {
        // the all-args constructor: the builder's per-field validation costs too much at this
        // volume
        boolean tou = meter.timeOfUse();
        // an AMI meter stamps its reads by its own clock, which may be a few minutes off; a
        // person's read and a power-down alarm (stamped by the head-end) are on time
        boolean meterClock = source != ReadSource.MANUAL && !flags.contains(QualityFlag.POWER_DOWN);
        long stamped = meterClock ? readTime + meter.clockOffset() : readTime;
        return new MeterRead(
                meter.id(),
                RunWindow.instant(stamped),
                kwh(registers.total()),
                tou ? kwh(registers.peak()) : null,
                tou ? kwh(registers.flat()) : null,
                tou ? kwh(registers.valley()) : null,
                meter.reverseRegister() ? kwh(registers.reverse()) : null,
                source,
                flags);
    }

    static Customer customer(Household household, City city, long updatedAt) {
        int index = household.index();
        int grid = city.gridOf(index);
        Account account = household.account();
        return Customer.newBuilder()
                .setCustomerId(household.customerId())
                .setGridId(city.gridId(grid))
                .setStationId(city.stationId(grid))
                .setCounty(city.countyName(grid))
                .setTransformerArea(city.transformerArea(index))
                .setAreaType(city.areaType(grid))
                .setSegment(household.profile().segment())
                .setMeterId(household.meterId())
                .setReadIntervalMinutes(household.meter().cadence().minutes())
                .setPhone(account.hasPhone() ? phoneNumber(index) : null)
                .setContactVerified(account.contactVerified())
                .setSmsBound(account.smsBound())
                .setWechatBound(account.wechatBound())
                .setPrepaymentAgreement(account.prepayment())
                .setAutoDebitAgreement(account.autoDebit())
                .setGenerationKw(
                        household.generationKw() > 0
                                ? BigDecimal.valueOf(Math.round(household.generationKw() * 100), 2)
                                : null)
                .setBillingDay(account.billingDay())
                .setHighBillOptOut(account.highBillOptOut())
                .setActive(true)
                .setUpdatedAt(RunWindow.instant(updatedAt))
                .build();
    }

    static Bill bill(
            String billId,
            String customerId,
            String period,
            long milliKwh,
            long cents,
            long issuedAt,
            LocalDate dueDate) {
        return Bill.newBuilder()
                .setBillId(billId)
                .setCustomerId(customerId)
                .setPeriod(period)
                .setKwh(kwh(milliKwh))
                .setAmount(money(cents))
                .setIssuedAt(RunWindow.instant(issuedAt))
                .setDueDate(dueDate)
                .build();
    }

    /** The same bill marked as an opening balance: owed from before the run's records. */
    static Bill openingBalance(Bill bill) {
        bill.setOpeningBalance(true);
        return bill;
    }

    static Payment payment(
            String paymentId, String customerId, long cents, PaymentChannel channel, long paidAt) {
        return Payment.newBuilder()
                .setPaymentId(paymentId)
                .setCustomerId(customerId)
                .setAmount(money(cents))
                .setChannel(channel)
                .setPaidAt(RunWindow.instant(paidAt))
                .build();
    }

    /** A notice; {@code deliveredAt} is negative when delivery was never confirmed. */
    static Notice notice(
            String noticeId,
            String customerId,
            NoticeKind kind,
            NoticeChannel channel,
            long sentAt,
            long deliveredAt) {
        return Notice.newBuilder()
                .setNoticeId(noticeId)
                .setCustomerId(customerId)
                .setKind(kind)
                .setChannel(channel)
                .setSentAt(RunWindow.instant(sentAt))
                .setDelivered(deliveredAt >= 0)
                .setDeliveredAt(deliveredAt >= 0 ? RunWindow.instant(deliveredAt) : null)
                .build();
    }

    static SwitchEvent.Builder switchEvent(
            String eventId,
            Household household,
            SwitchAction action,
            SwitchStage stage,
            SwitchReason reason,
            long time) {
        return SwitchEvent.newBuilder()
                .setEventId(eventId)
                .setMeterId(household.meterId())
                .setCustomerId(household.customerId())
                .setAction(action)
                .setStage(stage)
                .setReason(reason)
                .setCommandId(null)
                .setEventTime(RunWindow.instant(time));
    }

    /** A mobile number that belongs to the customer for the whole run, derived from the index. */
    private static String phoneNumber(int index) {
        long digits = Math.floorMod(Seeds.mix(0, Seeds.PHONE, index), 100_000_000L);
        return String.format("13%d%08d", 5 + index % 5, digits);
    }
}
