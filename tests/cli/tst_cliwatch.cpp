// SPDX-License-Identifier: MIT
#include "core/record/recordingreader.h"
#include "emulator/emulatorserver.h"
#include "support/clirunner.h"
#include "support/testwebsocketclient.h"

#include <QDateTime>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace allium;

namespace {

const QString secretKey = QStringLiteral("cli-watch-key-3f9a2c");
// The emulator's chain starts at a fixed time, days ago: its lag is not what these tests check.
const QStringList ignoreLag{QStringLiteral("--lag-above"), QStringLiteral("2000000")};

// One rule that matches every block and fires for each (no cooldown).
const QByteArray EveryBlockWithoutCooldown =
    R"([{"name":"each","topic":"ethereum.blocks","cooldown_s":0,)"
    R"("when":{"field":"number","operator":">","value":0}}])";

qint64 blockNumber(const QByteArray &json)
{
    return QJsonDocument::fromJson(json).object().value(QStringLiteral("number")).toInteger(-1);
}

} // namespace

// `allium-cli watch`, run as a process against the emulator: events as JSON lines on stdout,
// the summary on stderr, the exit codes of the other commands.
class TestCliWatch : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void healthyStreamPrintsNoEventsAndSummarises();
    void stallIsOneJsonEvent();
    void usageErrors_data();
    void usageErrors();
    void invalidFilterExitsFour();
    void badRulesFileIsRefusedWithItsPlace_data();
    void badRulesFileIsRefusedWithItsPlace();
    void matchRuleFiresOncePerCooldown();
    void matchRuleWithoutCooldownFiresForEachCountedMessage();
    void recordKeepsTheWatchedMessagesByteExact();
    void rulesSurviveReconnects();

private:
    CliRun run(const QStringList &arguments, int timeoutMs = 20000) const
    {
        return CliRunner(m_home.path()).run(arguments, secretKey, timeoutMs);
    }
    std::unique_ptr<EmulatorServer> startEmulator(const EmulatorFaults &faults = {})
    {
        EmulatorOptions options;
        options.keys = QStringList{secretKey};
        options.rate = 200; // messages per second on every topic
        options.faults = faults;
        auto server = std::make_unique<EmulatorServer>(options);
        if (!server->listen())
            qFatal("the emulator does not listen: %s", qPrintable(server->errorString()));
        return server;
    }

    QString writeFile(const QString &name, const QByteArray &text)
    {
        const QString path = m_home.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
            file.write(text) != text.size())
            qFatal("cannot write %s", qPrintable(path));
        return path;
    }

    /// `watch --topic ethereum.blocks --rules RULES --count N` against `server`, lag ignored.
    CliRun watchBlocksWithRules(const EmulatorServer &server, const QString &rules, int count) const
    {
        return run(QStringList{QStringLiteral("watch"), QStringLiteral("--topic"),
                               QStringLiteral("ethereum.blocks"), QStringLiteral("--rules"), rules,
                               QStringLiteral("--count"), QString::number(count),
                               QStringLiteral("--url"), server.baseUrl().toString()} +
                   ignoreLag);
    }

    QTemporaryDir m_home;
};

void TestCliWatch::initTestCase()
{
    QVERIFY(QFile::exists(CliRunner::executablePath()));
    QVERIFY(m_home.isValid());
}

// Consecutive blocks with their parents: --count stops after N messages, no event is printed,
// and the summary says what was checked.
void TestCliWatch::healthyStreamPrintsNoEventsAndSummarises()
{
    const auto server = startEmulator();
    const CliRun result = run(QStringList{QStringLiteral("watch"), QStringLiteral("--topic"),
                                          QStringLiteral("ethereum.blocks"),
                                          QStringLiteral("--count"), QStringLiteral("30"),
                                          QStringLiteral("--url"), server->baseUrl().toString()} +
                              ignoreLag);
    QVERIFY2(result.exitCode == 0, result.err.constData());
    QVERIFY2(result.lines().isEmpty(), result.out.constData());
    QVERIFY2(result.err.contains("messages: 30, "), result.err.constData());
    QVERIFY2(result.err.contains("events: 0, reconnects: 0, head: "), result.err.constData());
}

// The emulator goes silent after 5 messages: one "stall" object with the required fields, then
// --duration ends the run normally.
void TestCliWatch::stallIsOneJsonEvent()
{
    EmulatorFaults faults;
    faults.stallAfterMessages = 5;
    const auto server = startEmulator(faults);
    const CliRun result =
        run(QStringList{QStringLiteral("watch"), QStringLiteral("--topic"),
                        QStringLiteral("ethereum.blocks"), QStringLiteral("--stall-after"),
                        QStringLiteral("0.3"), QStringLiteral("--duration"), QStringLiteral("1.5"),
                        QStringLiteral("--url"), server->baseUrl().toString()} +
            ignoreLag);
    QVERIFY2(result.exitCode == 0, result.err.constData());
    const QList<QByteArray> lines = result.lines();
    QCOMPARE(lines.size(), 1);
    QJsonParseError error;
    const QJsonObject event = QJsonDocument::fromJson(lines.first(), &error).object();
    QCOMPARE(error.error, QJsonParseError::NoError);
    QCOMPARE(event.value(QStringLiteral("kind")).toString(), QStringLiteral("stall"));
    QCOMPARE(event.value(QStringLiteral("topic")).toString(), QStringLiteral("ethereum.blocks"));
    const QDateTime time =
        QDateTime::fromString(event.value(QStringLiteral("time")).toString(), Qt::ISODateWithMs);
    QVERIFY(time.isValid());
    QVERIFY(qAbs(time.msecsTo(QDateTime::currentDateTimeUtc())) < 60000);
    QVERIFY(event.value(QStringLiteral("silent_ms")).toInteger() > 300);
    QVERIFY2(result.err.contains("messages: 5, "), result.err.constData());
    QVERIFY2(result.err.contains("events: 1 (stall: 1)"), result.err.constData());
}

void TestCliWatch::usageErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QByteArray>("message");
    const QString watch = QStringLiteral("watch");
    const QString topic = QStringLiteral("--topic");
    const QString blocks = QStringLiteral("ethereum.blocks");
    QTest::newRow("no topic") << QStringList{watch} << QByteArray("--topic is required");
    QTest::newRow("bad count") << QStringList{watch, topic, blocks, QStringLiteral("--count"),
                                              QStringLiteral("0")}
                               << QByteArray("--count must be");
    QTest::newRow("bad stall-after")
        << QStringList{watch, topic, blocks, QStringLiteral("--stall-after"), QStringLiteral("x")}
        << QByteArray("--stall-after must be a positive number of seconds");
    QTest::newRow("bad lag-above")
        << QStringList{watch, topic, blocks, QStringLiteral("--lag-above"), QStringLiteral("-1")}
        << QByteArray("--lag-above must be a positive number of seconds");
    QTest::newRow("missing rules file")
        << QStringList{watch, topic, blocks, QStringLiteral("--rules"),
                       QStringLiteral("/nonexistent/rules.json")}
        << QByteArray("bad --rules file");
}

// Bad options exit 2 before connecting, naming the option.
void TestCliWatch::usageErrors()
{
    QFETCH(QStringList, arguments);
    QFETCH(QByteArray, message);
    const CliRun result = run(arguments);
    QCOMPARE(result.exitCode, 2);
    QVERIFY2(result.err.contains(message), result.err.constData());
    QVERIFY(result.out.isEmpty());
}

// The filter is checked as `stream` checks it: exit 4.
void TestCliWatch::invalidFilterExitsFour()
{
    const CliRun result =
        run({QStringLiteral("watch"), QStringLiteral("--topic"), QStringLiteral("ethereum.blocks"),
             QStringLiteral("--filter"), QStringLiteral(R"({"field":"number","operator":"~"})")});
    QCOMPARE(result.exitCode, 4);
    QVERIFY2(result.err.contains("invalid filter"), result.err.constData());
}

void TestCliWatch::badRulesFileIsRefusedWithItsPlace_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QByteArray>("message");
    QTest::newRow("not an array") << QByteArray(R"({"name": "not an array"})")
                                  << QByteArray("must be a JSON array of rules");
    QTest::newRow("not JSON") << QByteArray("[{") << QByteArray("not valid JSON at offset");
    QTest::newRow("bad condition")
        << QByteArray(R"([{"name":"ok","topic":"ethereum.blocks","when":{"field":"number",)"
                      R"("operator":">","value":1}},)"
                      R"({"name":"whales","topic":"ethereum.blocks","when":{"op":"AND",)"
                      R"("conditions":[{"field":"number","operator":"~","value":1}]}}])")
        << QByteArray(R"(rule 2 ("whales"): when.conditions[0].operator)");
    QTest::newRow("unknown key")
        << QByteArray(R"([{"name":"x","topic":"ethereum.blocks","kind":"silence",)"
                      R"("silence_s":5,"cooldown":3}])")
        << QByteArray(R"(rule 1 ("x"): cooldown)");
}

// A rules file with a problem is refused before connecting: exit 2, stderr names the file and
// the place of the first problem, nothing on stdout.
void TestCliWatch::badRulesFileIsRefusedWithItsPlace()
{
    QFETCH(QByteArray, text);
    QFETCH(QByteArray, message);
    const QString path = writeFile(QStringLiteral("bad-rules.json"), text);
    const CliRun result = run({QStringLiteral("watch"), QStringLiteral("--topic"),
                               QStringLiteral("ethereum.blocks"), QStringLiteral("--rules"), path});
    QCOMPARE(result.exitCode, 2);
    QVERIFY2(result.err.contains("bad --rules file " + path.toUtf8()), result.err.constData());
    QVERIFY2(result.err.contains(message), result.err.constData());
    QVERIFY(result.out.isEmpty());
}

// A match rule with the default cooldown fires once for a burst of matches, as one "alert"
// line among the events; rules of other topics stay idle; the summary counts the alert.
void TestCliWatch::matchRuleFiresOncePerCooldown()
{
    const auto server = startEmulator();
    const QString rules =
        writeFile(QStringLiteral("rules.json"),
                  R"([{"name":"every block","topic":"ethereum.blocks","cooldown_s":60,)"
                  R"("when":{"field":"number","operator":">","value":0}},)"
                  R"({"name":"other topic","topic":"base.blocks","cooldown_s":0,)"
                  R"("when":{"field":"number","operator":">","value":0}}])");
    const CliRun result = watchBlocksWithRules(*server, rules, 40);
    QVERIFY2(result.exitCode == 0, result.err.constData());
    const QList<QByteArray> lines = result.lines();
    QCOMPARE(lines.size(), 1);
    const QJsonObject alert = QJsonDocument::fromJson(lines.first()).object();
    QCOMPARE(alert.value(QStringLiteral("kind")).toString(), QStringLiteral("alert"));
    QCOMPARE(alert.value(QStringLiteral("rule")).toString(), QStringLiteral("every block"));
    QCOMPARE(alert.value(QStringLiteral("rule_kind")).toString(), QStringLiteral("match"));
    QCOMPARE(alert.value(QStringLiteral("topic")).toString(), QStringLiteral("ethereum.blocks"));
    QCOMPARE(alert.value(QStringLiteral("count")).toInteger(), 1);
    QVERIFY(alert.value(QStringLiteral("message"))
                .toObject()
                .value(QStringLiteral("number"))
                .toInteger() > 0);
    QVERIFY(QDateTime::fromString(alert.value(QStringLiteral("time")).toString(), Qt::ISODateWithMs)
                .isValid());
    QVERIFY2(result.err.contains("events: 1 (alert: 1)"), result.err.constData());
    QVERIFY2(result.err.contains("rules: 1, messages evaluated: "), result.err.constData());
}

// With cooldown 0 every match is an alert, and --count N prints exactly the alerts of the N
// messages counted, in their order (not those of the rest of the last batch).
void TestCliWatch::matchRuleWithoutCooldownFiresForEachCountedMessage()
{
    const auto server = startEmulator();
    const QString rules = writeFile(QStringLiteral("rules0.json"), EveryBlockWithoutCooldown);
    const CliRun result = watchBlocksWithRules(*server, rules, 25);
    QVERIFY2(result.exitCode == 0, result.err.constData());
    const QList<QByteArray> lines = result.lines();
    QCOMPARE(lines.size(), 25);
    qint64 previous = -1;
    for (const QByteArray &line : lines) {
        const QJsonObject alert = QJsonDocument::fromJson(line).object();
        QCOMPARE(alert.value(QStringLiteral("rule")).toString(), QStringLiteral("each"));
        const qint64 number = alert.value(QStringLiteral("message"))
                                  .toObject()
                                  .value(QStringLiteral("number"))
                                  .toInteger();
        QVERIFY(previous < 0 || number == previous + 1);
        previous = number;
    }
    QVERIFY2(result.err.contains("messages: 25, "), result.err.constData());
    QVERIFY2(result.err.contains("events: 25 (alert: 25)"), result.err.constData());
}

// --record FILE keeps exactly the messages watch counted, byte for byte as received, while
// stdout still prints the events only; RecordingReader reads them back.
void TestCliWatch::recordKeepsTheWatchedMessagesByteExact()
{
    EmulatorFaults faults;
    faults.gapEvery = 4;
    const auto server = startEmulator(faults);
    // A plain client on the same chain from before the watch starts: the emulator sends each
    // block's text to every client alike.
    TestWebSocketClient direct;
    QVERIFY(direct.connectTo(server->streamUrl(QStringLiteral("ethereum.blocks")), secretKey));
    direct.sendText(QStringLiteral("{\"action\":\"start\"}"));
    QVERIFY(direct.waitForMessages(1));
    const QString path = m_home.filePath(QStringLiteral("watched.ndjson"));
    const CliRun result =
        run(QStringList{QStringLiteral("watch"), QStringLiteral("--topic"),
                        QStringLiteral("ethereum.blocks"), QStringLiteral("--record"), path,
                        QStringLiteral("--count"), QStringLiteral("30"), QStringLiteral("--url"),
                        server->baseUrl().toString()} +
            ignoreLag);
    QVERIFY2(result.exitCode == 0, result.err.constData());
    QVERIFY2(result.err.contains("recorded: 30 messages"), result.err.constData());

    RecordingReader reader;
    QVERIFY2(reader.open(path), qPrintable(reader.errorString()));
    QCOMPARE(reader.header().topic, QStringLiteral("ethereum.blocks"));
    QList<QByteArray> recorded;
    QList<qint64> numbers;
    RecordedMessage message;
    while (reader.readNext(&message)) {
        recorded.append(message.json);
        numbers.append(blockNumber(message.json));
    }
    QVERIFY2(reader.problem().isNull(), qPrintable(reader.problem().message()));
    QCOMPARE(recorded.size(), 30);
    QTRY_VERIFY(!direct.messages().isEmpty() &&
                blockNumber(direct.messages().constLast().toUtf8()) > numbers.constLast());
    QHash<qint64, QByteArray> sent;
    for (const QString &text : direct.messages())
        sent.insert(blockNumber(text.toUtf8()), text.toUtf8());
    for (int i = 0; i < recorded.size(); ++i)
        QCOMPARE(recorded.at(i), sent.value(numbers.at(i)));

    // The events printed are the gaps between the recorded blocks, exactly.
    QList<QByteArray> expected;
    for (int i = 1; i < numbers.size(); ++i) {
        if (numbers.at(i) != numbers.at(i - 1) + 1)
            expected.append(QByteArray::number(numbers.at(i - 1) + 1));
    }
    QList<QByteArray> printed;
    for (const QByteArray &line : result.lines()) {
        const QJsonObject event = QJsonDocument::fromJson(line).object();
        QCOMPARE(event.value(QStringLiteral("kind")).toString(), QStringLiteral("gap"));
        QCOMPARE(event.value(QStringLiteral("from")).toInteger(),
                 event.value(QStringLiteral("to")).toInteger());
        printed.append(QByteArray::number(event.value(QStringLiteral("from")).toInteger()));
    }
    QCOMPARE(printed, expected);
    QVERIFY(expected.size() >= 6);
}

// The emulator drops the connection after 15 messages: watch reconnects, its rules go on
// firing for every message (cooldown 0) across the reconnect, and what passed meanwhile is an
// outage, never a gap.
void TestCliWatch::rulesSurviveReconnects()
{
    EmulatorFaults faults;
    faults.dropAfterMessages = 15;
    const auto server = startEmulator(faults);
    const QString rules =
        writeFile(QStringLiteral("rules-reconnect.json"), EveryBlockWithoutCooldown);
    const CliRun result = watchBlocksWithRules(*server, rules, 25);
    QVERIFY2(result.exitCode == 0, result.err.constData());
    int alerts = 0;
    for (const QByteArray &line : result.lines()) {
        const QString kind =
            QJsonDocument::fromJson(line).object().value(QStringLiteral("kind")).toString();
        QVERIFY2(kind == QLatin1String("alert") || kind == QLatin1String("outage"),
                 line.constData());
        alerts += kind == QLatin1String("alert") ? 1 : 0;
    }
    QCOMPARE(alerts, 25);
    QVERIFY2(result.err.contains("reconnects: 1,"), result.err.constData());
}

QTEST_GUILESS_MAIN(TestCliWatch)
#include "tst_cliwatch.moc"
