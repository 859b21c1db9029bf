// SPDX-License-Identifier: MIT
#include "core/stream/ratewindow.h"
#include "core/stream/topiccatalogue.h"

#include <QTest>

using namespace allium;

class TestRateWindow : public QObject
{
    Q_OBJECT

private slots:
    void steadyStreamReadsItsRate();
    void blockBurstsReadAsTheChainsPace();
    void firstBurstIsNotTheChainsPace();
    void fallsToZeroAfterTheSpan();
    void spanFollowsTheChain_data();
    void spanFollowsTheChain();
    void recordsArriveWithTheirBlock();
};

namespace {

double framesPerSecond(RateWindow &window, qint64 nowMs)
{
    double frames = 0;
    double bytes = 0;
    window.rates(nowMs, &frames, &bytes);
    return frames;
}

} // namespace

// 200 messages a second, one every 5 ms, read as 200/s once the window is full, bytes too.
void TestRateWindow::steadyStreamReadsItsRate()
{
    RateWindow window(1000);
    window.restart(1000, 0);
    for (qint64 t = 0; t < 3000; t += 5)
        window.add(t, 1, 100);
    double frames = 0;
    double bytes = 0;
    window.rates(3000, &frames, &bytes);
    QVERIFY2(qAbs(frames - 200) <= 200 * 0.05, qPrintable(QString::number(frames)));
    QVERIFY2(qAbs(bytes - 20000) <= 20000 * 0.05, qPrintable(QString::number(bytes)));
}

// Ethereum sends a block's 200 transactions together every 12 s: over a 36 s span the rate reads
// 200 / 12 s at every moment between blocks, not 200/s during a burst and 0 after it.
void TestRateWindow::blockBurstsReadAsTheChainsPace()
{
    const qint64 span = TopicCatalogue::rateSpanMs(QStringLiteral("ethereum.transactions"));
    QCOMPARE(span, 36000);
    RateWindow window(span);
    window.restart(span, 0);
    const double pace = 200.0 / 12.0;
    for (qint64 block = 0; block < 20; ++block) {
        const qint64 at = 500 + block * 12000;
        window.add(at, 200, 200 * 400);
        if (block < 3)
            continue;
        for (qint64 probe : {at + 2000, at + 6000, at + 11900}) {
            const double rate = framesPerSecond(window, probe);
            QVERIFY2(qAbs(rate - pace) < 0.01,
                     qPrintable(QStringLiteral("%1/s at %2 ms").arg(rate).arg(probe)));
        }
    }
}

// Before the window has run for a third of its span (one block interval), the first burst is
// spread over that third: one Ethereum block reads as 200 / 12 s, not as 200 in 1.5 s.
void TestRateWindow::firstBurstIsNotTheChainsPace()
{
    RateWindow window(36000);
    window.restart(36000, 0);
    window.add(100, 200, 0);
    QCOMPARE(framesPerSecond(window, 1000), 0.0); // its bucket is still filling
    const double early = framesPerSecond(window, 1600);
    QVERIFY2(qAbs(early - 200.0 / 12.0) < 0.01, qPrintable(QString::number(early)));
}

// A stalled stream reads 0/s once its last messages are a whole span old.
void TestRateWindow::fallsToZeroAfterTheSpan()
{
    RateWindow window(6000);
    window.restart(6000, 0);
    for (qint64 t = 0; t < 6000; t += 100)
        window.add(t, 10, 0);
    QVERIFY(framesPerSecond(window, 6000) > 90);
    QVERIFY(framesPerSecond(window, 9000) > 0);
    QCOMPARE(framesPerSecond(window, 12500), 0.0);
    QCOMPARE(framesPerSecond(window, 60000), 0.0);
}

void TestRateWindow::spanFollowsTheChain_data()
{
    QTest::addColumn<QString>("topic");
    QTest::addColumn<qint64>("spanMs");
    QTest::newRow("ethereum blocks") << "ethereum.blocks" << qint64(36000);
    QTest::newRow("base records") << "base.transactions" << qint64(6000);
    QTest::newRow("solana slots") << "solana.transactions" << qint64(1200);
    QTest::newRow("bitcoin, capped") << "bitcoin.blocks" << qint64(60000);
    QTest::newRow("hyperliquid, continuous") << "hyperliquid.fills" << qint64(1000);
    QTest::newRow("unknown chain") << "polygon.transactions" << qint64(1000);
    QTest::newRow("no dot") << "ethereum" << qint64(36000);
}

void TestRateWindow::spanFollowsTheChain()
{
    QFETCH(QString, topic);
    QFETCH(qint64, spanMs);
    QCOMPARE(TopicCatalogue::rateSpanMs(topic), spanMs);
}

// Staleness is judged against the time between deliveries: a block's records arrive together.
void TestRateWindow::recordsArriveWithTheirBlock()
{
    QCOMPARE(TopicCatalogue::deliveryIntervalMs(QStringLiteral("ethereum.transactions")), 12000.0);
    QCOMPARE(TopicCatalogue::deliveryIntervalMs(QStringLiteral("base.logs")), 2000.0);
    QCOMPARE(TopicCatalogue::deliveryIntervalMs(QStringLiteral("ethereum.blocks")), 12000.0);
    QCOMPARE(TopicCatalogue::deliveryIntervalMs(QStringLiteral("bitcoin.blocks")), 600000.0);
    QCOMPARE(TopicCatalogue::deliveryIntervalMs(QStringLiteral("hyperliquid.trades")),
             TopicCatalogue::meanIntervalMs(QStringLiteral("hyperliquid.trades")));
    QCOMPARE(TopicCatalogue::deliveryIntervalMs(QStringLiteral("polygon.transactions")), 0.0);
}

QTEST_GUILESS_MAIN(TestRateWindow)
#include "tst_ratewindow.moc"
