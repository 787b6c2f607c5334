// A chart's value axis from its peak (src/desktop/chartaxis.h): the unit,
// and the smallest round top that 4 or 5 round steps reach.

#include "desktop/chartaxis.h"

#include <QTest>

#include <cmath>
#include <limits>

using namespace Qt::StringLiterals;
using namespace muelle::desktop;

namespace {

constexpr double KiB = 1024, MiB = KiB * 1024, GiB = MiB * 1024, TiB = GiB * 1024;

} // namespace

Q_DECLARE_METATYPE(AxisKind)

class TestChartAxis : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void axis_data()
    {
        QTest::addColumn<double>("peak");
        QTest::addColumn<AxisKind>("kind");
        QTest::addColumn<double>("max");
        QTest::addColumn<int>("tickCount");
        QTest::addColumn<QString>("unit");
        QTest::addColumn<double>("divisor");
        QTest::addColumn<QString>("labelFormat");
        const auto percent = AxisKind::Percent, bytes = AxisKind::Bytes, rate = AxisKind::BytesPerSecond;
        QTest::newRow("0 %") << 0.0 << percent << 1.0 << 5 << u"%"_s << 1.0 << u"%.2f"_s;
        QTest::newRow("tiny %") << 0.003 << percent << 1.0 << 5 << u"%"_s << 1.0 << u"%.2f"_s;
        QTest::newRow("1 %") << 1.0 << percent << 1.0 << 5 << u"%"_s << 1.0 << u"%.2f"_s;
        QTest::newRow("1.1 %") << 1.1 << percent << 1.25 << 6 << u"%"_s << 1.0 << u"%.2f"_s;
        QTest::newRow("3 %") << 3.0 << percent << 4.0 << 5 << u"%"_s << 1.0 << u"%.0f"_s;
        QTest::newRow("4.2 %") << 4.2 << percent << 5.0 << 6 << u"%"_s << 1.0 << u"%.0f"_s;
        QTest::newRow("9.3 %") << 9.3 << percent << 10.0 << 5 << u"%"_s << 1.0 << u"%.1f"_s;
        QTest::newRow("10 %") << 10.0 << percent << 10.0 << 5 << u"%"_s << 1.0 << u"%.1f"_s;
        QTest::newRow("10.1 %") << 10.1 << percent << 12.5 << 6 << u"%"_s << 1.0 << u"%.1f"_s;
        QTest::newRow("17 %") << 17.0 << percent << 20.0 << 5 << u"%"_s << 1.0 << u"%.0f"_s;
        QTest::newRow("47 %") << 47.0 << percent << 50.0 << 6 << u"%"_s << 1.0 << u"%.0f"_s;
        QTest::newRow("99.9 %") << 99.9 << percent << 100.0 << 5 << u"%"_s << 1.0 << u"%.0f"_s;
        QTest::newRow("100 %") << 100.0 << percent << 100.0 << 5 << u"%"_s << 1.0 << u"%.0f"_s;
        QTest::newRow("250 % (2.5 cores)") << 250.0 << percent << 250.0 << 6 << u"%"_s << 1.0 << u"%.0f"_s;
        QTest::newRow("1600 %") << 1600.0 << percent << 2000.0 << 5 << u"%"_s << 1.0 << u"%.0f"_s;
        QTest::newRow("NaN") << std::numeric_limits<double>::quiet_NaN() << percent << 1.0 << 5 << u"%"_s << 1.0
                             << u"%.2f"_s;
        QTest::newRow("negative") << -3.0 << percent << 1.0 << 5 << u"%"_s << 1.0 << u"%.2f"_s;
        QTest::newRow("0 B") << 0.0 << bytes << 1.0 << 5 << u"B"_s << 1.0 << u"%.2f"_s;
        QTest::newRow("700 B") << 700.0 << bytes << 800.0 << 5 << u"B"_s << 1.0 << u"%.0f"_s;
        QTest::newRow("1023 B") << 1023.0 << bytes << 1250.0 << 6 << u"B"_s << 1.0 << u"%.0f"_s;
        QTest::newRow("1024 B") << 1024.0 << bytes << 1.0 << 5 << u"KiB"_s << KiB << u"%.2f"_s;
        QTest::newRow("300 MiB") << 300 * MiB << bytes << 400.0 << 5 << u"MiB"_s << MiB << u"%.0f"_s;
        QTest::newRow("64 MiB") << 64 * MiB << bytes << 80.0 << 5 << u"MiB"_s << MiB << u"%.0f"_s;
        QTest::newRow("1.5 GiB") << 1.5 * GiB << bytes << 2.0 << 5 << u"GiB"_s << GiB << u"%.1f"_s;
        QTest::newRow("3 TiB") << 3 * TiB << bytes << 4.0 << 5 << u"TiB"_s << TiB << u"%.0f"_s;
        QTest::newRow("5000 TiB") << 5000 * TiB << bytes << 5000.0 << 6 << u"TiB"_s << TiB << u"%.0f"_s;
        QTest::newRow("0 B/s") << 0.0 << rate << 1.0 << 5 << u"B/s"_s << 1.0 << u"%.2f"_s;
        QTest::newRow("12 KiB/s") << 12 * KiB << rate << 12.5 << 6 << u"KiB/s"_s << KiB << u"%.1f"_s;
        QTest::newRow("5.5 MiB/s") << 5.5 * MiB << rate << 8.0 << 5 << u"MiB/s"_s << MiB << u"%.0f"_s;
        QTest::newRow("2 TiB/s") << 2 * TiB << rate << 2500.0 << 6 << u"GiB/s"_s << GiB << u"%.0f"_s;
    }
    void axis()
    {
        QFETCH(double, peak);
        QFETCH(AxisKind, kind);
        QFETCH(double, max);
        QFETCH(int, tickCount);
        QFETCH(QString, unit);
        QFETCH(double, divisor);
        QFETCH(QString, labelFormat);
        const ChartAxis axis = chartAxis(peak, kind);
        QCOMPARE(axis.max, max);
        QCOMPARE(axis.tickCount, tickCount);
        QCOMPARE(axis.unit, unit);
        QCOMPARE(axis.divisor, divisor);
        QCOMPARE(axis.labelFormat, labelFormat);
    }

    // Over many peaks: the top holds the peak, its steps are round, and no
    // smaller round top would do.
    void properties()
    {
        for (double peak = 0.01; peak < 2e13; peak *= 1.07) {
            for (const AxisKind kind : { AxisKind::Percent, AxisKind::Bytes, AxisKind::BytesPerSecond }) {
                const ChartAxis axis = chartAxis(peak, kind);
                const double value = std::max(1.0, peak / axis.divisor);
                QVERIFY2(axis.max >= value * (1 - 1e-9), qPrintable(u"%1"_s.arg(peak)));
                QVERIFY(axis.tickCount == 5 || axis.tickCount == 6);
                QVERIFY(kind == AxisKind::Percent || value < 1024 || axis.unit.startsWith(u"TiB")
                    || axis.unit.startsWith(u"GiB/s"));
                const double step = axis.max / (axis.tickCount - 1);
                const double mantissa = step / std::pow(10.0, std::floor(std::log10(step) + 1e-9));
                QVERIFY2(qFuzzyCompare(mantissa, 1.0) || qFuzzyCompare(mantissa, 2.0) || qFuzzyCompare(mantissa, 2.5)
                        || qFuzzyCompare(mantissa, 5.0),
                    qPrintable(u"peak %1: step %2"_s.arg(peak).arg(step)));
                // Not much room to spare: under twice the value.
                QVERIFY(axis.max < value * 2);
            }
        }
    }

    void asMap()
    {
        const QVariantMap map = chartAxis(5.5 * MiB, AxisKind::BytesPerSecond).toMap();
        QCOMPARE(map.value(u"max"_s).toDouble(), 8.0);
        QCOMPARE(map.value(u"tickCount"_s).toInt(), 5);
        QCOMPARE(map.value(u"unit"_s).toString(), u"MiB/s"_s);
        QCOMPARE(map.value(u"divisor"_s).toDouble(), MiB);
        QCOMPARE(map.value(u"labelFormat"_s).toString(), u"%.0f"_s);
    }
};

QTEST_GUILESS_MAIN(TestChartAxis)
#include "tst_chartaxis.moc"
