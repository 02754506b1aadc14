package io.gridpulse.servicekpi;

import io.gridpulse.schema.MeterRead;

/** A read the AMI head-end collected: what the collection success rate counts. */
public class AmiRead {

    public String meterId;
    public long readTimeMs;

    public AmiRead() {}

    public AmiRead(String meterId, long readTimeMs) {
        this.meterId = meterId;
        this.readTimeMs = readTimeMs;
    }

    public static AmiRead of(MeterRead r) {
        return new AmiRead(r.getMeterId(), r.getReadTime().toEpochMilli());
    }
}
