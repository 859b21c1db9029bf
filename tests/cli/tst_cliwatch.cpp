// SPDX-License-Identifier: MIT
#include "emulator/emulatorserver.h"
#include "support/clirunner.h"

#include <QDateTime>
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
    void rulesFileIsValidatedThenRefusedClearly();

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

// A rules file that is not a JSON array is named as such; a valid one is refused with a clear
// "not yet supported" until the alert engine is in.
void TestCliWatch::rulesFileIsValidatedThenRefusedClearly()
{
    QTemporaryDir dir;
    const QString bad = dir.filePath(QStringLiteral("bad.json"));
    const QString good = dir.filePath(QStringLiteral("rules.json"));
    QFile badFile(bad);
    QVERIFY(badFile.open(QIODevice::WriteOnly));
    badFile.write(R"({"name": "not an array"})");
    badFile.close();
    QFile goodFile(good);
    QVERIFY(goodFile.open(QIODevice::WriteOnly));
    goodFile.write(
        R"([{"name":"whale","topic":"ethereum.transactions","when":{},"cooldown_s":60}])");
    goodFile.close();
    const QStringList base{QStringLiteral("watch"), QStringLiteral("--topic"),
                           QStringLiteral("ethereum.transactions"), QStringLiteral("--rules")};
    CliRun result = run(base + QStringList{bad});
    QCOMPARE(result.exitCode, 2);
    QVERIFY2(result.err.contains("is not a JSON array of rules"), result.err.constData());
    result = run(base + QStringList{good});
    QCOMPARE(result.exitCode, 2);
    QVERIFY2(result.err.contains("--rules is not yet supported"), result.err.constData());
}

QTEST_GUILESS_MAIN(TestCliWatch)
#include "tst_cliwatch.moc"
