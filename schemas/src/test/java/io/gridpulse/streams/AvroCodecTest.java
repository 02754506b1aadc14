package io.gridpulse.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridpulse.schema.Bill;
import io.gridpulse.schema.MeterRead;
import io.gridpulse.schema.QualityFlag;
import io.gridpulse.schema.ReadSource;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class AvroCodecTest {

    private static final Instant NOON = Instant.parse("2026-03-01T12:00:00Z");

    private static MeterRead touRead() {
        return MeterRead.newBuilder()
                .setMeterId("M-000042")
                .setReadTime(NOON)
                .setTotalKwh(new BigDecimal("12345.678"))
                .setPeakKwh(new BigDecimal("4000.100"))
                .setFlatKwh(new BigDecimal("5000.200"))
                .setValleyKwh(new BigDecimal("3345.378"))
                .setSource(ReadSource.AMI)
                .setQualityFlags(List.of(QualityFlag.RETRIED))
                .build();
    }

    @Test
    void shouldRoundTripMeterReadWithDecimalsAndTimes() throws UnreadableRecordException {
        var codec = AvroCodec.of(MeterRead.class);

        MeterRead decoded = codec.decode(codec.encode(touRead()));

        assertThat(decoded).isEqualTo(touRead());
        assertThat(decoded.getTotalKwh()).isEqualByComparingTo("12345.678");
        assertThat(decoded.getReadTime()).isEqualTo(NOON);
        assertThat(decoded.getReverseKwh()).isNull();
    }

    @Test
    void shouldRoundTripDateLogicalType() throws UnreadableRecordException {
        var codec = AvroCodec.of(Bill.class);
        Bill bill =
                Bill.newBuilder()
                        .setBillId("B-1")
                        .setCustomerId("C-1")
                        .setPeriod("2026-02")
                        .setKwh(new BigDecimal("210.500"))
                        .setAmount(new BigDecimal("113.67"))
                        .setIssuedAt(NOON)
                        .setDueDate(LocalDate.of(2026, 3, 20))
                        .build();

        assertThat(codec.decode(codec.encode(bill))).isEqualTo(bill);
    }

    @Test
    void shouldRejectRecordOfAnotherSchema() {
        byte[] bill =
                AvroCodec.of(Bill.class)
                        .encode(
                                Bill.newBuilder()
                                        .setBillId("B-1")
                                        .setCustomerId("C-1")
                                        .setPeriod("2026-02")
                                        .setKwh(BigDecimal.ONE.setScale(3))
                                        .setAmount(BigDecimal.ONE.setScale(2))
                                        .setIssuedAt(NOON)
                                        .setDueDate(LocalDate.of(2026, 3, 20))
                                        .build());

        assertThatThrownBy(() -> AvroCodec.of(MeterRead.class).decode(bill))
                .isInstanceOf(UnreadableRecordException.class)
                .hasMessageContaining("Cannot resolve schema for fingerprint");
    }

    @Test
    void shouldRejectTruncatedRecord() {
        var codec = AvroCodec.of(MeterRead.class);
        byte[] whole = codec.encode(touRead());

        assertThatThrownBy(() -> codec.decode(Arrays.copyOf(whole, whole.length / 2)))
                .isInstanceOf(UnreadableRecordException.class);
    }

    @Test
    void shouldRejectBytesThatAreNotAvro() {
        assertThatThrownBy(
                        () ->
                                AvroCodec.of(MeterRead.class)
                                        .decode("meter,2026-03-01,12.5".getBytes()))
                .isInstanceOf(UnreadableRecordException.class);
    }
}
