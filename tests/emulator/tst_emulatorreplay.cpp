// SPDX-License-Identifier: MIT
#include "core/record/recordingwriter.h"
#include "emulator/emulatorcommandline.h"
#include "emulator/emulatorserver.h"
#include "support/emulatortesting.h"
#include "support/testwebsocketclient.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <QWebSocket>

#include <cmath>
#include <memory>

using namespace allium;

namespace {

constexpr qint64 FirstUs = 1764580000000000;

QByteArray block(int number)
{
    // Spaced and escaped on purpose: the replay sends the text as recorded, not re-serialised.
    return QStringLiteral(
               "{ \"block_number\": %1, \"note\": \"caf\\u00e9 \\\"%1\\\"\", \"x\": 1.50 }")
        .arg(number)
        .toUtf8();
}

// A recording of `count` blocks, block i received at FirstUs + offsetsUs(i).
QString writeRecording(const QTemporaryDir &dir, int count, qint64 gapUs)
{
    RecordingOptions options;
    options.path = dir.filePath(QStringLiteral("replay.jsonl"));
    options.header.topic = QStringLiteral("ethereum.blocks");
    RecordingWriter writer;
    if (!writer.start(options))
        return {};
    for (int i = 0; i < count; ++i)
        writer.append(FirstUs + i * gapUs, block(i));
    writer.stop();
    return options.path;
}

std::unique_ptr<EmulatorServer> replayServer(const QString &path, double speed = 1,
                                             bool loop = false)
{
    EmulatorOptions options;
    options.speed = speed;
    options.replay.path = path;
    options.replay.topic = QStringLiteral("ethereum.blocks");
    options.replay.loop = loop;
    return startEmulator(options);
}

int blockNumber(const QString &text)
{
    return QJsonDocument::fromJson(text.toUtf8())
        .object()
        .value(QStringLiteral("block_number"))
        .toInt(-1);
}

} // namespace

// allium-emulator --replay: a recording served on its topic's stream endpoint, byte-identical,
// at its recorded pacing (times --speed), with start, stop and setFilter as on live data.
class TestEmulatorReplay : public QObject
{
    Q_OBJECT
private slots:
    // Every message arrives as recorded, and at the recorded distance from the first (the
    // timing error is printed, not asserted: a loaded machine delays timers).
    void replayIsByteIdenticalAndPaced_data();
    void replayIsByteIdenticalAndPaced();
    // setFilter applies to the replayed messages as to generated ones.
    void filterApplies();
    // stop pauses and start goes on with the next message: none lost, none twice.
    void stopAndStartResume();
    // --loop starts over at the end.
    void loops();
    // Other topics stay synthetic.
    void otherTopicsStayLive();
    void commandLine();
};

void TestEmulatorReplay::replayIsByteIdenticalAndPaced_data()
{
    QTest::addColumn<double>("speed");
    QTest::newRow("1x") << 1.0;
    QTest::newRow("4x") << 4.0;
}

void TestEmulatorReplay::replayIsByteIdenticalAndPaced()
{
    QFETCH(double, speed);
    QTemporaryDir dir;
    constexpr int Count = 30;
    constexpr qint64 GapUs = 40000; // 40 ms: 1.2 s of recording
    const QString path = writeRecording(dir, Count, GapUs);
    QVERIFY(!path.isEmpty());
    const auto server = replayServer(path, speed);
    TestWebSocketClient client;
    QVERIFY(client.connectTo(server->streamUrl(QStringLiteral("ethereum.blocks"))));
    QElapsedTimer clock;
    QList<qint64> arrivalsUs;
    connect(client.socket(), &QWebSocket::textMessageReceived, this,
            [&] { arrivalsUs.append(clock.nsecsElapsed() / 1000); });
    clock.start();
    client.sendText(QStringLiteral("{\"action\":\"start\"}"));
    QVERIFY(client.waitForMessages(Count, 10000));
    QCOMPARE(client.messages().size(), Count);
    for (int i = 0; i < Count; ++i)
        QCOMPARE(client.messages().at(i).toUtf8(), block(i));

    double worstMs = 0;
    double sumMs = 0;
    for (int i = 1; i < Count; ++i) {
        const double expectedUs = double(i * GapUs) / speed;
        const double errorMs =
            std::abs(double(arrivalsUs.at(i) - arrivalsUs.at(0)) - expectedUs) / 1000;
        worstMs = std::max(worstMs, errorMs);
        sumMs += errorMs;
    }
    qInfo("replay pacing at %.0fx over %d messages: mean error %.2f ms, worst %.2f ms", speed,
          Count, sumMs / (Count - 1), worstMs);
}

void TestEmulatorReplay::filterApplies()
{
    QTemporaryDir dir;
    const QString path = writeRecording(dir, 100, 100);
    const auto server = replayServer(path);
    TestWebSocketClient client;
    QVERIFY(client.connectTo(server->streamUrl(QStringLiteral("ethereum.blocks"))));
    client.sendText(QStringLiteral(
        R"({"action":"setFilter","data":{"field":"block_number","operator":">=","value":90}})"));
    client.sendText(QStringLiteral("{\"action\":\"start\"}"));
    QVERIFY(client.waitForMessages(10));
    // The end of the recording: nothing more comes; an error frame marks "all sent before it".
    QVERIFY(!client.sendAndWaitForError(QStringLiteral("{\"action\":\"nope\"}")).isEmpty());
    const QList<QJsonObject> messages = client.jsonMessages();
    QCOMPARE(messages.size(), 10);
    for (int i = 0; i < 10; ++i)
        QCOMPARE(messages.at(i).value(QStringLiteral("block_number")).toInt(), 90 + i);
}

void TestEmulatorReplay::stopAndStartResume()
{
    QTemporaryDir dir;
    constexpr int Count = 60;
    const QString path = writeRecording(dir, Count, 5000);
    const auto server = replayServer(path);
    TestWebSocketClient client;
    QVERIFY(client.connectTo(server->streamUrl(QStringLiteral("ethereum.blocks"))));
    client.sendText(QStringLiteral("{\"action\":\"start\"}"));
    QVERIFY(client.waitForMessages(10));
    client.sendText(QStringLiteral("{\"action\":\"stop\"}"));
    // Once the error frame is back, the stop was handled: nothing comes after it until start.
    QVERIFY(!client.sendAndWaitForError(QStringLiteral("{\"action\":\"nope\"}")).isEmpty());
    const qsizetype whenStopped = client.messages().size();
    QVERIFY(!client.sendAndWaitForError(QStringLiteral("{\"action\":\"nope\"}")).isEmpty());
    QCOMPARE(client.messages().size(), whenStopped + 1); // only the second error frame
    client.sendText(QStringLiteral("{\"action\":\"start\"}"));
    QVERIFY(client.waitForMessages(Count + 2, 10000));
    QList<int> numbers;
    for (const QString &text : client.messages()) {
        if (!TestWebSocketClient::isErrorFrame(text))
            numbers.append(blockNumber(text));
    }
    QCOMPARE(numbers.size(), Count);
    for (int i = 0; i < Count; ++i)
        QCOMPARE(numbers.at(i), i);
}

void TestEmulatorReplay::loops()
{
    QTemporaryDir dir;
    const QString path = writeRecording(dir, 5, 1000);
    const auto server = replayServer(path, 1, true);
    TestWebSocketClient client;
    QVERIFY(client.connectTo(server->streamUrl(QStringLiteral("ethereum.blocks"))));
    client.sendText(QStringLiteral("{\"action\":\"start\"}"));
    QVERIFY(client.waitForMessages(12));
    for (int i = 0; i < 12; ++i)
        QCOMPARE(client.messages().at(i).toUtf8(), block(i % 5));
}

void TestEmulatorReplay::otherTopicsStayLive()
{
    QTemporaryDir dir;
    const QString path = writeRecording(dir, 3, 1000);
    EmulatorOptions options;
    options.rate = 200;
    options.replay.path = path;
    options.replay.topic = QStringLiteral("ethereum.blocks");
    const auto server = startEmulator(options);
    TestWebSocketClient client;
    QVERIFY(client.connectTo(server->streamUrl(QStringLiteral("solana.transactions"))));
    client.sendText(QStringLiteral("{\"action\":\"start\"}"));
    QVERIFY(client.waitForMessages(5));
    QVERIFY(!client.jsonMessages().first().contains(QStringLiteral("note")));
}

void TestEmulatorReplay::commandLine()
{
    QTemporaryDir dir;
    const QString path = writeRecording(dir, 3, 1000);
    const QString program = QStringLiteral("allium-emulator");
    EmulatorCommandLine::Result result = EmulatorCommandLine::parse(
        {program, QStringLiteral("--replay"), path, QStringLiteral("--speed"), QStringLiteral("2"),
         QStringLiteral("--loop")});
    QCOMPARE(result.outcome, EmulatorCommandLine::Outcome::Run);
    QCOMPARE(result.options.replay.path, path);
    QCOMPARE(result.options.replay.topic, QStringLiteral("ethereum.blocks"));
    QVERIFY(result.options.replay.loop);
    QCOMPARE(result.options.speed, 2.0);

    result = EmulatorCommandLine::parse({program, QStringLiteral("--loop")});
    QCOMPARE(result.outcome, EmulatorCommandLine::Outcome::Error);
    QVERIFY(result.text.contains(QLatin1String("--loop needs --replay")));

    result = EmulatorCommandLine::parse(
        {program, QStringLiteral("--replay"), dir.filePath(QStringLiteral("missing"))});
    QCOMPARE(result.outcome, EmulatorCommandLine::Outcome::Error);
    QVERIFY2(result.text.contains(QLatin1String("cannot open")), qPrintable(result.text));

    QFile foreign(dir.filePath(QStringLiteral("foreign.txt")));
    QVERIFY(foreign.open(QIODevice::WriteOnly));
    foreign.write("hello\n");
    foreign.close();
    result = EmulatorCommandLine::parse({program, QStringLiteral("--replay"), foreign.fileName()});
    QCOMPARE(result.outcome, EmulatorCommandLine::Outcome::Error);
    QVERIFY2(result.text.contains(QLatin1String("not an Allium recording")),
             qPrintable(result.text));
}

QTEST_GUILESS_MAIN(TestEmulatorReplay)
#include "tst_emulatorreplay.moc"
