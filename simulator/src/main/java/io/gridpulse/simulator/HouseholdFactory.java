package io.gridpulse.simulator;

import io.gridpulse.schema.AreaType;
import java.time.LocalDate;
import java.util.SplittableRandom;

/**
 * Creates the households of the city, each from its own generator (run seed and index), with a
 * plausible mix of segments, meter cadences, consumption levels, rooftop solar, contact data and
 * agreements for its urban or rural grid.
 */
final class HouseholdFactory {

    private static final WeightedChoice<LoadProfile> URBAN_SEGMENTS =
            WeightedChoice.<LoadProfile>builder()
                    .add(LoadProfile.RESIDENT, 62)
                    .add(LoadProfile.RENTER, 18)
                    .add(LoadProfile.SHOP, 17)
                    .add(LoadProfile.INDUSTRY, 3)
                    .build();
    private static final WeightedChoice<LoadProfile> RURAL_SEGMENTS =
            WeightedChoice.<LoadProfile>builder()
                    .add(LoadProfile.RESIDENT, 82)
                    .add(LoadProfile.RENTER, 3)
                    .add(LoadProfile.SHOP, 11)
                    .add(LoadProfile.INDUSTRY, 4)
                    .build();
    private static final WeightedChoice<Cadence> URBAN_CADENCES =
            WeightedChoice.<Cadence>builder()
                    .add(Cadence.QUARTER_HOURLY, 72)
                    .add(Cadence.HALF_HOURLY, 10)
                    .add(Cadence.HOURLY, 10)
                    .add(Cadence.DAILY, 8)
                    .build();
    private static final WeightedChoice<Cadence> RURAL_CADENCES =
            WeightedChoice.<Cadence>builder()
                    .add(Cadence.QUARTER_HOURLY, 60)
                    .add(Cadence.HALF_HOURLY, 10)
                    .add(Cadence.HOURLY, 12)
                    .add(Cadence.DAILY, 18)
                    .build();

    private final City city;
    private final long seed;
    private final LocalDate firstDay;

    HouseholdFactory(City city, RunWindow window, long seed) {
        this.city = city;
        this.seed = seed;
        this.firstDay = RunWindow.localDate(window.start());
    }

    Household customer(int index) {
        SplittableRandom random = Seeds.random(seed, Seeds.HOUSEHOLD, index);
        int grid = city.gridOf(index);
        boolean rural = city.areaType(grid) == AreaType.RURAL;
        double quality = city.serviceQuality(grid);
        LoadProfile profile = (rural ? RURAL_SEGMENTS : URBAN_SEGMENTS).pick(random);
        Cadence cadence =
                profile == LoadProfile.INDUSTRY
                        ? Cadence.QUARTER_HOURLY
                        : (rural ? RURAL_CADENCES : URBAN_CADENCES).pick(random);
        double dailyKwh = profile.dailyKwh(rural) * Math.exp(0.45 * random.nextGaussian());
        boolean solar =
                profile == LoadProfile.RESIDENT && random.nextDouble() < (rural ? 0.08 : 0.03);
        double generationKw = solar ? Math.round(300 + 900 * random.nextDouble()) / 100.0 : 0;
        // smart meters have TOU and reverse registers; PV customers, shops and industry always have
        // one
        boolean smart =
                solar
                        || profile == LoadProfile.SHOP
                        || profile == LoadProfile.INDUSTRY
                        || random.nextDouble() < 0.85;
        Meter meter =
                new Meter(
                        index,
                        cadence,
                        smart,
                        smart,
                        initialRegisters(random, dailyKwh, smart, generationKw));
        Account account = openAccount(random, profile, rural, quality, dailyKwh);
        return new Household(index, profile, rural, meter, account, random, dailyKwh, generationKw);
    }

    /** A meter the head-end reads but the customer data does not know: reads only. */
    Household unregisteredMeter(int index) {
        SplittableRandom random = Seeds.random(seed, Seeds.HOUSEHOLD, index);
        LoadProfile profile = random.nextBoolean() ? LoadProfile.RESIDENT : LoadProfile.SHOP;
        Cadence cadence = random.nextBoolean() ? Cadence.QUARTER_HOURLY : Cadence.HOURLY;
        double dailyKwh = profile.dailyKwh(false) * Math.exp(0.45 * random.nextGaussian());
        Meter meter =
                new Meter(index, cadence, true, true, initialRegisters(random, dailyKwh, true, 0));
        return new Household(index, profile, false, meter, null, random, dailyKwh, 0);
    }

    /** Registers of a meter that has been in service for a while: months to years of energy. */
    private static Registers initialRegisters(
            SplittableRandom random, double dailyKwh, boolean timeOfUse, double generationKw) {
        long total = Math.round(dailyKwh * 1000 * (150 + 2850 * random.nextDouble()));
        long reverse = Math.round(generationKw * 1000 * 600 * random.nextDouble());
        if (!timeOfUse) {
            return new Registers(0, 0, 0, total, reverse);
        }
        long peak = Math.round(total * (0.32 + 0.08 * random.nextDouble()));
        long flat = Math.round(total * (0.30 + 0.08 * random.nextDouble()));
        return new Registers(peak, flat, total - peak - flat, 0, reverse);
    }

    private Account openAccount(
            SplittableRandom random,
            LoadProfile profile,
            boolean rural,
            double quality,
            double dailyKwh) {
        int billingDay = 1 + random.nextInt(28);
        boolean phone = random.nextDouble() < (rural ? 0.93 : 0.97);
        boolean verified =
                phone && random.nextDouble() < Math.min(0.99, (rural ? 0.84 : 0.92) * quality);
        boolean sms =
                phone && random.nextDouble() < Math.min(0.99, (rural ? 0.86 : 0.93) * quality);
        boolean wechat = random.nextDouble() < Math.min(0.98, (rural ? 0.55 : 0.78) * quality);
        double agreement = random.nextDouble();
        boolean prepayment = agreement < 0.04;
        boolean autoDebit = !prepayment && agreement < 0.04 + (rural ? 0.06 : 0.12);
        // the first bill of the run covers the days since the last billing day before the start
        LocalDate lastBilling =
                firstDay.getDayOfMonth() >= billingDay
                        ? firstDay.withDayOfMonth(billingDay)
                        : firstDay.minusMonths(1).withDayOfMonth(billingDay);
        long unbilledDays = firstDay.toEpochDay() - lastBilling.toEpochDay();
        long billedUpTo = -Math.round(unbilledDays * dailyKwh * 1000);
        return new Account(
                billingDay,
                Tariff.of(profile),
                phone,
                verified,
                sms,
                wechat,
                prepayment,
                autoDebit,
                billedUpTo);
    }
}
