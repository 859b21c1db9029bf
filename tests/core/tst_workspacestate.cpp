// SPDX-License-Identifier: MIT
#include "core/workspace/chainhead.h"
#include "core/workspace/streamactivity.h"
#include "core/workspace/workspacestate.h"

#include <QTest>

using namespace allium;

// The saved workspace survives a round trip and refuses damaged text as a whole; the head
// block or slot is read from each chain's messages.
class TestWorkspaceState : public QObject
{
    Q_OBJECT
private slots:
    void roundTrip();
    void damagedTextIsRefused_data();
    void damagedTextIsRefused();
    void invalidPartsAreDropped();
    void tooManyStreamsAreCut();
    void staleness();
    void chainHead_data();
    void chainHead();
};

void TestWorkspaceState::roundTrip()
{
    WorkspaceState state;
    WorkspaceStream plain;
    plain.topic = QStringLiteral("ethereum.transactions");
    plain.running = true;
    plain.chartField = QStringLiteral("gas_price");
    plain.panelState = QByteArray("\x00\x01\xffpanel", 8);
    plain.tableState = QByteArrayLiteral("table");
    WorkspaceStream filtered = plain;
    filtered.filter = QByteArrayLiteral(R"({"field":"value","operator":">","value":"1"})");
    filtered.pane = 1;
    filtered.running = false;
    WorkspaceStream empty;
    state.streams = {plain, filtered, empty};
    state.currentLeft = 1;
    state.currentRight = 0;
    state.focusedPane = 1;
    state.splitterState = QByteArrayLiteral("split");
    state.budgetBytes = qint64(3) << 30;
    QString error;
    const std::optional<WorkspaceState> back = WorkspaceState::fromJson(state.toJson(), &error);
    QVERIFY2(back, qPrintable(error));
    QCOMPARE(*back, state);
}

void TestWorkspaceState::damagedTextIsRefused_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("reason");
    QTest::newRow("empty") << QByteArray() << QStringLiteral("not a JSON object");
    QTest::newRow("truncated") << QByteArray(R"({"version":1,"streams":[{"topic":"eth)")
                               << QStringLiteral("not a JSON object");
    QTest::newRow("array") << QByteArray("[]") << QStringLiteral("not a JSON object");
    QTest::newRow("other version")
        << QByteArray(R"({"version":7,"streams":[]})") << QStringLiteral("unknown version");
    QTest::newRow("huge") << QByteArray(WorkspaceState::MaxJsonBytes + 1, ' ')
                          << QStringLiteral("larger than");
}

void TestWorkspaceState::damagedTextIsRefused()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, reason);
    QString error;
    QVERIFY(!WorkspaceState::fromJson(json, &error));
    QVERIFY2(error.contains(reason), qPrintable(error));
}

void TestWorkspaceState::invalidPartsAreDropped()
{
    const QByteArray json = R"({"version":1,"streams":[
        {"topic":"not a topic!","filter":"{\"op\":\"XOR\"}","pane":9,"running":"yes"},
        {"topic":"base.blocks","filter":"{\"field\":\"number\",\"operator\":\">\",\"value\":1}"},
        "not an object"],
        "currentLeft":-4,"focusedPane":3,"budgetBytes":"-12"})";
    QString error;
    const std::optional<WorkspaceState> state = WorkspaceState::fromJson(json, &error);
    QVERIFY2(state, qPrintable(error));
    QCOMPARE(state->streams.size(), 3);
    QVERIFY(state->streams.at(0).topic.isEmpty()); // opens empty, for the user to choose
    QVERIFY(state->streams.at(0).filter.isEmpty());
    QCOMPARE(state->streams.at(0).pane, 0);
    QVERIFY(!state->streams.at(0).running);
    QCOMPARE(state->streams.at(1).topic, QStringLiteral("base.blocks"));
    QVERIFY(!state->streams.at(1).filter.isEmpty());
    QVERIFY(state->streams.at(2).topic.isEmpty());
    QCOMPARE(state->currentLeft, 0);
    QCOMPARE(state->focusedPane, 0);
    QCOMPARE(state->budgetBytes, qint64(0));
}

void TestWorkspaceState::tooManyStreamsAreCut()
{
    WorkspaceState state;
    WorkspaceStream stream;
    stream.topic = QStringLiteral("ethereum.blocks");
    state.streams.fill(stream, WorkspaceState::MaxStreams + 10);
    const std::optional<WorkspaceState> back = WorkspaceState::fromJson(state.toJson());
    QVERIFY(back);
    QCOMPARE(back->streams.size(), WorkspaceState::MaxStreams);
}

void TestWorkspaceState::staleness()
{
    // Three usual gaps of the topic, as the health readout judges it; six of Bitcoin's, whose
    // block times are exponential (a 30 min wait happens daily).
    QCOMPARE(StreamActivityRules::staleAfterMs(QStringLiteral("ethereum.blocks"), false),
             qint64(36000));
    QCOMPARE(StreamActivityRules::staleAfterMs(QStringLiteral("bitcoin.blocks"), false),
             qint64(3600000));
    QCOMPARE(StreamActivityRules::staleAfterMs(QStringLiteral("solana.transactions"), false),
             qint64(5000));
    QCOMPARE(StreamActivityRules::staleAfterMs(QStringLiteral("foo.bar"), false), qint64(30000));
    // A filter passes fewer: at least a minute.
    QCOMPARE(StreamActivityRules::staleAfterMs(QStringLiteral("solana.transactions"), true),
             qint64(60000));
    QVERIFY(StreamActivityRules::needsAttention(StreamActivity::Stale));
    QVERIFY(!StreamActivityRules::needsAttention(StreamActivity::Waiting));
}

void TestWorkspaceState::chainHead_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<bool>("found");
    QTest::addColumn<qint64>("value");
    QTest::addColumn<QString>("field");
    QTest::newRow("evm block") << QByteArray(R"({"hash":"0x1","number":23911994,"size":3})") << true
                               << qint64(23911994) << QStringLiteral("number");
    QTest::newRow("evm transaction")
        << QByteArray(R"({"hash":"0x1","block_number":"23911995","value":"0"})") << true
        << qint64(23911995) << QStringLiteral("block_number");
    QTest::newRow("solana") << QByteArray(R"({"block_slot":312000111,"fee":5000})") << true
                            << qint64(312000111) << QStringLiteral("block_slot");
    QTest::newRow("hyperliquid block")
        << QByteArray(R"({"payload":{"height":636283712,"numTxs":734}})") << true
        << qint64(636283712) << QStringLiteral("payload.height");
    QTest::newRow("fill") << QByteArray(R"({"coin":"BTC","px":"97000.5","tid":12})") << false
                          << qint64(0) << QString();
    QTest::newRow("not a number") << QByteArray(R"({"block_number":"0x1a"})") << false << qint64(0)
                                  << QString();
    QTest::newRow("damaged") << QByteArray(R"({"block_number":)") << false << qint64(0)
                             << QString();
}

void TestWorkspaceState::chainHead()
{
    QFETCH(QByteArray, json);
    QFETCH(bool, found);
    QFETCH(qint64, value);
    QFETCH(QString, field);
    const ChainHead::Reading reading = ChainHead::read(json);
    QCOMPARE(reading.found, found);
    QCOMPARE(reading.value, value);
    QCOMPARE(reading.field, field);
}

QTEST_GUILESS_MAIN(TestWorkspaceState)
#include "tst_workspacestate.moc"
