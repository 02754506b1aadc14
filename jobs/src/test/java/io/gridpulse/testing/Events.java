package io.gridpulse.testing;

import io.gridpulse.schema.Bill;
import io.gridpulse.schema.Customer;
import io.gridpulse.schema.MeterRead;
import io.gridpulse.schema.Notice;
import io.gridpulse.schema.NoticeKind;
import io.gridpulse.schema.Payment;
import io.gridpulse.schema.ReadSource;
import io.gridpulse.schema.Segment;
import io.gridpulse.schema.SwitchAction;
import io.gridpulse.schema.SwitchEvent;
import io.gridpulse.schema.SwitchReason;
import io.gridpulse.schema.SwitchStage;
import io.gridpulse.streams.AvroCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificRecord;

/**
 * The input records tests write, with every required field set to something plausible, so a test
 * states only what its scenario is about. Each returns a builder: add what matters, then build.
 */
public final class Events {

    private Events() {}

    /** A register read from the AMI head-end. */
    public static MeterRead.Builder read(String meter, Instant at, BigDecimal totalKwh) {
        return MeterRead.newBuilder()
                .setMeterId(meter)
                .setReadTime(at)
                .setTotalKwh(totalKwh)
                .setSource(ReadSource.AMI);
    }

    /** A register read of {@code wattHours} / 1000 kWh, the scale of the register's decimal. */
    public static MeterRead.Builder read(String meter, Instant at, long wattHours) {
        return read(meter, at, BigDecimal.valueOf(wattHours, 3));
    }

    /** A residential customer on a quarter-hourly meter in grid G-1, station S-1, area T-1. */
    public static Customer.Builder customer(String id, String meter, Instant updatedAt) {
        return Customer.newBuilder()
                .setCustomerId(id)
                .setGridId("G-1")
                .setStationId("S-1")
                .setCounty("County")
                .setTransformerArea("T-1")
                .setSegment(Segment.RESIDENT)
                .setMeterId(meter)
                .setReadIntervalMinutes(15)
                .setUpdatedAt(updatedAt);
    }

    public static Bill.Builder bill(
            String id, String customer, String period, String yuan, Instant issued, LocalDate due) {
        return Bill.newBuilder()
                .setBillId(id)
                .setCustomerId(customer)
                .setPeriod(period)
                .setKwh(new BigDecimal("100.000"))
                .setAmount(new BigDecimal(yuan))
                .setIssuedAt(issued)
                .setDueDate(due);
    }

    public static Payment.Builder payment(String id, String customer, String yuan, Instant at) {
        return Payment.newBuilder()
                .setPaymentId(id)
                .setCustomerId(customer)
                .setAmount(new BigDecimal(yuan))
                .setPaidAt(at);
    }

    /** A notice delivered a minute after it was sent. */
    public static Notice.Builder notice(String id, String customer, NoticeKind kind, Instant sent) {
        return Notice.newBuilder()
                .setNoticeId(id)
                .setCustomerId(customer)
                .setKind(kind)
                .setSentAt(sent)
                .setDelivered(true)
                .setDeliveredAt(sent.plusSeconds(60));
    }

    /** A disconnection of {@code meter} for arrears at {@code stage}. */
    public static SwitchEvent.Builder disconnection(
            String id, String meter, SwitchStage stage, Instant at) {
        return SwitchEvent.newBuilder()
                .setEventId(id)
                .setMeterId(meter)
                .setAction(SwitchAction.DISCONNECT)
                .setStage(stage)
                .setReason(SwitchReason.ARREARS)
                .setEventTime(at);
    }

    /**
     * The bytes of an AMI read as a producer without Avro's decimal conversion writes them: any
     * unscaled register bytes it likes, whether or not they fit the declared precision.
     */
    public static byte[] readWithRawRegister(String meter, Instant at, BigDecimal kwh) {
        Schema schema = MeterRead.getClassSchema();
        GenericRecord record = new GenericData.Record(schema);
        record.put("meter_id", meter);
        record.put("read_time", at.toEpochMilli());
        record.put("total_kwh", ByteBuffer.wrap(kwh.unscaledValue().toByteArray()));
        record.put("source", new GenericData.EnumSymbol(schema.getField("source").schema(), "AMI"));
        record.put("quality_flags", List.of());
        try {
            ByteBuffer b =
                    new BinaryMessageEncoder<GenericRecord>(GenericData.get(), schema)
                            .encode(record);
            byte[] bytes = new byte[b.remaining()];
            b.get(bytes);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The bytes a producer puts on the record's topic. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static byte[] encode(SpecificRecord record) {
        return ((AvroCodec) AvroCodec.of(record.getClass())).encode(record);
    }
}
