package io.gridpulse.simulator;

import io.gridpulse.schema.AreaType;
import java.util.List;

/**
 * The simulated supply area: three urban districts and three rural counties, each with power supply
 * stations (供电所), service grids (网格) and transformer areas (台区). Customers are laid out in index
 * order, a contiguous block per grid and per transformer area, so where a customer lives is
 * computed, not stored.
 */
final class City {

    private static final List<County> COUNTIES =
            List.of(
                    new County("DC", "Dongcheng District", false),
                    new County("XC", "Xicheng District", false),
                    new County("NH", "Nanhu District", false),
                    new County("QS", "Qingshan County", true),
                    new County("BS", "Baishui County", true),
                    new County("LY", "Linyuan County", true));
    private static final int MIN_GRIDS = 8;
    private static final int CUSTOMERS_PER_GRID = 2500;
    private static final int GRIDS_PER_STATION = 4;
    private static final int CUSTOMERS_PER_TRANSFORMER = 100;

    private final int customers;
    private final int grids;
    private final double[] serviceQuality;

    City(int customers, long seed) {
        this.customers = customers;
        this.grids = Math.max(MIN_GRIDS, customers / CUSTOMERS_PER_GRID);
        this.serviceQuality = new double[grids];
        for (int grid = 0; grid < grids; grid++) {
            double draw = Seeds.random(seed, Seeds.GRID, grid).nextDouble();
            serviceQuality[grid] = struggling(grid) ? 0.55 + 0.1 * draw : 0.8 + 0.4 * draw;
        }
    }

    int grids() {
        return grids;
    }

    int gridOf(int customerIndex) {
        return (int) ((long) customerIndex * grids / customers);
    }

    String gridId(int grid) {
        return "G-" + county(grid).code() + "-" + String.format("%03d", ordinalInCounty(grid) + 1);
    }

    String stationId(int grid) {
        return "SS-"
                + county(grid).code()
                + "-"
                + String.format("%02d", ordinalInCounty(grid) / GRIDS_PER_STATION + 1);
    }

    String countyName(int grid) {
        return county(grid).name();
    }

    String transformerArea(int customerIndex) {
        int grid = gridOf(customerIndex);
        int firstOfGrid = (int) (((long) grid * customers + grids - 1) / grids);
        int area = (customerIndex - firstOfGrid) / CUSTOMERS_PER_TRANSFORMER + 1;
        return "TA-"
                + county(grid).code()
                + String.format("%03d-%03d", ordinalInCounty(grid) + 1, area);
    }

    /**
     * Urban districts are urban; in a rural county one grid in four covers a town, the rest
     * villages.
     */
    AreaType areaType(int grid) {
        return county(grid).rural() && ordinalInCounty(grid) % 4 != 3
                ? AreaType.RURAL
                : AreaType.URBAN;
    }

    /**
     * One grid in five is clearly worse run than the others (understaffed, old contact data), so
     * the monthly ranking has a bottom worth talking about.
     */
    private static boolean struggling(int grid) {
        return grid % 5 == 2;
    }

    /**
     * How well the grid is run, 0.55 to 0.65 for a struggling grid, otherwise 0.8 to 1.2: better
     * grids keep contact data accurate, bind more customers to SMS and WeChat, answer faster and
     * draw fewer complaints. Makes the KPI ranking (对标) between grids meaningful.
     */
    double serviceQuality(int grid) {
        return serviceQuality[grid];
    }

    private County county(int grid) {
        return COUNTIES.get(grid % COUNTIES.size());
    }

    private int ordinalInCounty(int grid) {
        return grid / COUNTIES.size();
    }

    private record County(String code, String name, boolean rural) {}
}
