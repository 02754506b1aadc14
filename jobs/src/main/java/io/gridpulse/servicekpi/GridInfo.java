package io.gridpulse.servicekpi;

/** Where a grid sits: its power supply station and county, from the customer data. */
public class GridInfo {

    public String gridId;
    public String stationId;
    public String county;

    public GridInfo() {}

    public GridInfo(String gridId, String stationId, String county) {
        this.gridId = gridId;
        this.stationId = stationId;
        this.county = county;
    }

    public static GridInfo of(CustomerProfile p) {
        return new GridInfo(p.gridId, p.stationId, p.county);
    }
}
