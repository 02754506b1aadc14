package io.gridpulse.highbill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** The default tariff against bills computed by hand (kWh × CNY/kWh, summed, rounded once). */
class TariffTest {

    private static final Tariff TARIFF = HighBillSettings.defaults().tariff();

    private static Energy flat(String kwh) {
        return new Energy(0, wh(kwh), 0);
    }

    private static long wh(String kwh) {
        return new BigDecimal(kwh).movePointRight(3).longValueExact();
    }

    @Test
    void shouldPriceAResidentInTheFirstTierAtTheFlatPrice() {
        // 150 × 0.5680 = 85.20
        assertThat(TARIFF.amount(flat("150"), true, 1)).isEqualByComparingTo("85.20");
    }

    @Test
    void shouldAddTheSecondTierSurchargeAboveTheFirstLimit() {
        // 250 × 0.5680 = 142.00; 50 kWh in tier 2 × 0.05 = 2.50
        assertThat(TARIFF.amount(flat("250"), true, 1)).isEqualTo(new BigDecimal("144.50"));
        assertThat(TARIFF.tierOf(wh("250"), 1)).isEqualTo(2);
        assertThat(TARIFF.tierOf(wh("200"), 1)).isEqualTo(1);
    }

    @Test
    void shouldPriceTimeOfUseEnergyAndAllThreeTiers() {
        // 180.500 × 0.6170 = 111.368500, 150.250 × 0.5680 = 85.342000, 119.999 × 0.3070 =
        // 36.839693; tier 2: 200 × 0.05 = 10.00; tier 3: 50.749 × 0.30 = 15.224700;
        // sum 258.774893 → 258.77
        Energy energy = new Energy(wh("180.5"), wh("150.25"), wh("119.999"));
        assertThat(TARIFF.amount(energy, true, 1)).isEqualTo(new BigDecimal("258.77"));
        assertThat(TARIFF.tierOf(energy.totalWh(), 1)).isEqualTo(3);
    }

    @Test
    void shouldScaleTierLimitsWithThePeriodsMonths() {
        // bimonthly: limits 400 and 800; 450 × 0.5680 = 255.60 + 50 × 0.05 = 2.50
        assertThat(TARIFF.amount(flat("450"), true, 2)).isEqualTo(new BigDecimal("258.10"));
    }

    @Test
    void shouldPriceShopsAtBusinessTimeOfUsePricesWithoutTiers() {
        // 100 × 1.0220 + 200 × 0.8300 + 300 × 0.4100 = 102.20 + 166.00 + 123.00
        Energy energy = new Energy(wh("100"), wh("200"), wh("300"));
        assertThat(TARIFF.amount(energy, false, 1)).isEqualTo(new BigDecimal("391.20"));
    }

    @Test
    void shouldRoundHalfUpToTheFenOnceAtTheEnd() {
        // 9 Wh × 0.5680 = 0.005112 → 0.01; 8 Wh = 0.004544 → 0.00
        assertThat(TARIFF.amount(new Energy(0, 9, 0), true, 1)).isEqualTo(new BigDecimal("0.01"));
        assertThat(TARIFF.amount(new Energy(0, 8, 0), true, 1)).isEqualTo(new BigDecimal("0.00"));
        // 1000 kWh in 1 Wh steps would round each time; once at the end it is exact
        assertThat(TARIFF.amount(flat("0.001").plus(flat("999.999")), true, 1))
                .isEqualTo(
                        new BigDecimal("568.00")
                                .add(new BigDecimal("10.00"))
                                .add(new BigDecimal("180.00")));
    }

    @Test
    void shouldRefuseSurchargesThatDoNotMatchTheLimits() {
        assertThatThrownBy(() -> Tariff.parse("200,400", "0,0.05", "1,1,1", "1,1,1"))
                .hasMessageContaining("one surcharge more than tier limits");
    }
}
