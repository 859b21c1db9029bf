// SPDX-License-Identifier: MIT
#include "monitor/monitorcommandline.h"

#include "core/replay/replaypacer.h"
#include "support/recordingfiles.h"

#include <QTemporaryDir>
#include <QTest>

using namespace allium;

namespace {

QStringList args(const QStringList &rest)
{
    return QStringList{QStringLiteral("allium-monitor")} + rest;
}

} // namespace

// MonitorCommandLine: options onto a Result, every bad value an Error with a clear message.
class TestMonitorCommandLine : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void noArgumentsRuns();
    void allOptions();
    void errors_data();
    void errors();
    // ws:// to another machine needs --allow-insecure; loopback and wss:// never do.
    void insecureUrlNeedsAllowInsecure();
    // Repeated --topic opens several streams; each --filter goes with the --topic before it.
    void repeatedTopics();
    void filterFiles_data();
    void filterFiles();
    void help();
    // --replay FILE with --speed: a factor or "max"; --speed alone or out of range is refused.
    void replaySpeed();

private:
    QString writeFile(const QString &name, const QByteArray &content);
    QTemporaryDir m_dir;
};

void TestMonitorCommandLine::initTestCase()
{
    QVERIFY(m_dir.isValid());
}

QString TestMonitorCommandLine::writeFile(const QString &name, const QByteArray &content)
{
    const QString path = m_dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return {};
    file.write(content);
    return path;
}

// No arguments: run with nothing chosen (first-run defaults apply later).
void TestMonitorCommandLine::noArgumentsRuns()
{
    const auto result = MonitorCommandLine::parse(args({}));
    QCOMPARE(result.outcome, MonitorCommandLine::Outcome::Run);
    QVERIFY(result.profile.isEmpty());
    QVERIFY(result.url.isEmpty());
    QVERIFY(result.topic.isEmpty());
    QVERIFY(!result.hasFilter);
    QVERIFY(!result.start);
    QCOMPARE(result.emulatorRate, 0.0);
}

// Every option lands in its field; the filter file is parsed into a Filter.
void TestMonitorCommandLine::allOptions()
{
    const QString file =
        writeFile(QStringLiteral("f.json"),
                  R"({"op":"AND","conditions":[{"field":"value","operator":">","value":"1000"}]})");
    const auto result = MonitorCommandLine::parse(args(
        {QStringLiteral("--url"), QStringLiteral("ws://127.0.0.1:18555"), QStringLiteral("--topic"),
         QStringLiteral("ethereum.transactions"), QStringLiteral("--filter"), file,
         QStringLiteral("--start"), QStringLiteral("--emulator-rate"), QStringLiteral("250"),
         QStringLiteral("--window-size"), QStringLiteral("1024x700"), QStringLiteral("--dark")}));
    QCOMPARE(result.outcome, MonitorCommandLine::Outcome::Run);
    QCOMPARE(result.url, QUrl(QStringLiteral("ws://127.0.0.1:18555")));
    QCOMPARE(result.topic, QStringLiteral("ethereum.transactions"));
    QVERIFY(result.hasFilter);
    QCOMPARE(result.filter.kind(), Filter::Kind::Group);
    QCOMPARE(result.filter.fieldPaths(), QStringList{QStringLiteral("value")});
    QVERIFY(result.start);
    QCOMPARE(result.emulatorRate, 250.0);
    QCOMPARE(result.windowSize, QSize(1024, 700));
    QVERIFY(result.dark);

    const auto byProfile =
        MonitorCommandLine::parse(args({QStringLiteral("--profile"), QStringLiteral("Staging")}));
    QCOMPARE(byProfile.outcome, MonitorCommandLine::Outcome::Run);
    QCOMPARE(byProfile.profile, QStringLiteral("Staging"));
}

void TestMonitorCommandLine::repeatedTopics()
{
    const QString big =
        writeFile(QStringLiteral("big.json"), R"({"field":"value","operator":">","value":"1000"})");
    const QString recent =
        writeFile(QStringLiteral("recent.json"), R"({"field":"number","operator":">","value":1})");
    const auto result = MonitorCommandLine::parse(args(
        {QStringLiteral("--topic"), QStringLiteral("ethereum.blocks"), QStringLiteral("--topic"),
         QStringLiteral("ethereum.transactions"), QStringLiteral("--filter=") + big,
         QStringLiteral("--start"), QStringLiteral("--topic"), QStringLiteral("base.blocks"),
         QStringLiteral("--filter"), recent}));
    QCOMPARE(result.outcome, MonitorCommandLine::Outcome::Run);
    QCOMPARE(result.streams.size(), 3);
    QCOMPARE(result.streams.at(0).topic, QStringLiteral("ethereum.blocks"));
    QVERIFY(!result.streams.at(0).hasFilter);
    QCOMPARE(result.streams.at(1).topic, QStringLiteral("ethereum.transactions"));
    QVERIFY(result.streams.at(1).hasFilter);
    QCOMPARE(result.streams.at(1).filter.fieldPaths(), QStringList{QStringLiteral("value")});
    QCOMPARE(result.streams.at(2).topic, QStringLiteral("base.blocks"));
    QCOMPARE(result.streams.at(2).filter.fieldPaths(), QStringList{QStringLiteral("number")});
    QVERIFY(result.start);
    // The first stream is also the single-stream shorthand.
    QCOMPARE(result.topic, QStringLiteral("ethereum.blocks"));
    QVERIFY(!result.hasFilter);

    // A --filter before any --topic goes with the first stream.
    const auto early = MonitorCommandLine::parse(
        args({QStringLiteral("--filter"), big, QStringLiteral("--topic"),
              QStringLiteral("ethereum.transactions"), QStringLiteral("--topic"),
              QStringLiteral("base.transactions")}));
    QCOMPARE(early.outcome, MonitorCommandLine::Outcome::Run);
    QCOMPARE(early.streams.size(), 2);
    QCOMPARE(early.streams.at(0).topic, QStringLiteral("ethereum.transactions"));
    QVERIFY(early.streams.at(0).hasFilter);
    QVERIFY(!early.streams.at(1).hasFilter);
    // A filter without any topic: one stream of the last topic, filtered.
    const auto alone = MonitorCommandLine::parse(args({QStringLiteral("--filter"), big}));
    QCOMPARE(alone.streams.size(), 1);
    QVERIFY(alone.streams.at(0).topic.isEmpty());
    QVERIFY(alone.hasFilter);

    // Two filters for one stream, and too many streams, are refused.
    const auto twice = MonitorCommandLine::parse(
        args({QStringLiteral("--topic"), QStringLiteral("ethereum.blocks"),
              QStringLiteral("--filter"), big, QStringLiteral("--filter"), recent}));
    QCOMPARE(twice.outcome, MonitorCommandLine::Outcome::Error);
    QVERIFY2(twice.text.contains(QStringLiteral("one filter per stream")), qPrintable(twice.text));
    QStringList many;
    for (int i = 0; i <= MonitorCommandLine::MaxTopics; ++i)
        many << QStringLiteral("--topic") << QStringLiteral("ethereum.blocks");
    const auto tooMany = MonitorCommandLine::parse(args(many));
    QCOMPARE(tooMany.outcome, MonitorCommandLine::Outcome::Error);
    QVERIFY(tooMany.text.contains(QStringLiteral("at most")));
}

void TestMonitorCommandLine::errors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("messagePart");
    QTest::newRow("unknown option")
        << QStringList{QStringLiteral("--bogus")} << QStringLiteral("bogus");
    QTest::newRow("positional") << QStringList{QStringLiteral("extra")}
                                << QStringLiteral("unexpected argument");
    QTest::newRow("profile and url")
        << QStringList{QStringLiteral("--profile"), QStringLiteral("A"), QStringLiteral("--url"),
                       QStringLiteral("ws://127.0.0.1:1")}
        << QStringLiteral("cannot be used together");
    QTest::newRow("http url") << QStringList{QStringLiteral("--url"),
                                             QStringLiteral("http://127.0.0.1:1")}
                              << QStringLiteral("--url: the scheme must be ws:// or wss://");
    QTest::newRow("url with query")
        << QStringList{QStringLiteral("--url"), QStringLiteral("ws://127.0.0.1:1/?topic=x")}
        << QStringLiteral("--url:");
    QTest::newRow("bad topic") << QStringList{QStringLiteral("--topic"), QStringLiteral("Eth")}
                               << QStringLiteral("--topic:");
    QTest::newRow("zero rate") << QStringList{QStringLiteral("--emulator-rate"),
                                              QStringLiteral("0")}
                               << QStringLiteral("--emulator-rate");
    QTest::newRow("word rate") << QStringList{QStringLiteral("--emulator-rate"),
                                              QStringLiteral("fast")}
                               << QStringLiteral("--emulator-rate");
    QTest::newRow("missing filter file")
        << QStringList{QStringLiteral("--filter"), QStringLiteral("/nonexistent/f.json")}
        << QStringLiteral("--filter: cannot read");
    QTest::newRow("window size") << QStringList{QStringLiteral("--window-size"),
                                                QStringLiteral("big")}
                                 << QStringLiteral("--window-size");
    QTest::newRow("ws to another machine")
        << QStringList{QStringLiteral("--url"), QStringLiteral("ws://203.0.113.1:9")}
        << QStringLiteral("clear text");
    QTest::newRow("allow-insecure without url")
        << QStringList{QStringLiteral("--allow-insecure")} << QStringLiteral("--url only");
}

void TestMonitorCommandLine::insecureUrlNeedsAllowInsecure()
{
    auto result = MonitorCommandLine::parse(
        args({QStringLiteral("--url"), QStringLiteral("ws://203.0.113.1:9"),
              QStringLiteral("--allow-insecure")}));
    QCOMPARE(result.outcome, MonitorCommandLine::Outcome::Run);
    QVERIFY(result.allowInsecure);
    result = MonitorCommandLine::parse(
        args({QStringLiteral("--url"), QStringLiteral("ws://localhost:9")}));
    QCOMPARE(result.outcome, MonitorCommandLine::Outcome::Run);
    QVERIFY(!result.allowInsecure);
    result = MonitorCommandLine::parse(
        args({QStringLiteral("--url"), QStringLiteral("wss://203.0.113.1")}));
    QCOMPARE(result.outcome, MonitorCommandLine::Outcome::Run);
}

// Each bad input is an Error naming the option; the caller exits with UsageExitCode.
void TestMonitorCommandLine::errors()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, messagePart);
    const auto result = MonitorCommandLine::parse(args(arguments));
    QCOMPARE(result.outcome, MonitorCommandLine::Outcome::Error);
    QVERIFY2(result.text.contains(messagePart), qPrintable(result.text));
}

void TestMonitorCommandLine::filterFiles_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("messagePart");
    QTest::addColumn<int>("conditions");
    QTest::newRow("condition") << QByteArray(R"({"field":"a","operator":"=","value":1})") << true
                               << QString() << 1;
    QTest::newRow("whole action") << QByteArray(
                                         R"({"action":"setFilter","data":{"op":"OR","conditions":[)"
                                         R"({"field":"a","operator":"=","value":1},)"
                                         R"({"field":"b","operator":"exists","value":true}]}})")
                                  << true << QString() << 2;
    QTest::newRow("empty clears") << QByteArray("{}") << true << QString() << 0;
    QTest::newRow("syntax error") << QByteArray(R"({"field":"a",)") << false
                                  << QStringLiteral("at character") << 0;
    QTest::newRow("bad operator") << QByteArray(R"({"field":"a","operator":"==","value":1})")
                                  << false << QStringLiteral("operator") << 0;
    QTest::newRow("bad action data")
        << QByteArray(R"({"action":"setFilter","data":{"op":"XOR","conditions":[]}})") << false
        << QStringLiteral("not a valid filter") << 0;
    QTest::newRow("array") << QByteArray("[1,2]") << false << QStringLiteral("not a valid filter")
                           << 0;
}

// A filter file holds a filter or a whole setFilter action; anything else is a clear error.
void TestMonitorCommandLine::filterFiles()
{
    QFETCH(QByteArray, content);
    QFETCH(bool, valid);
    QFETCH(QString, messagePart);
    QFETCH(int, conditions);
    const QString file = writeFile(QStringLiteral("filter.json"), content);
    const auto result = MonitorCommandLine::parse(args({QStringLiteral("--filter"), file}));
    if (!valid) {
        QCOMPARE(result.outcome, MonitorCommandLine::Outcome::Error);
        QVERIFY2(result.text.startsWith(QStringLiteral("--filter: filter.json")),
                 qPrintable(result.text));
        QVERIFY2(result.text.contains(messagePart), qPrintable(result.text));
        return;
    }
    QCOMPARE(result.outcome, MonitorCommandLine::Outcome::Run);
    QVERIFY(result.hasFilter);
    QCOMPARE(result.filter.fieldPaths().size(), conditions);
}

// --help gives the help text (with the public options, not the hidden ones).
void TestMonitorCommandLine::help()
{
    const auto result = MonitorCommandLine::parse(args({QStringLiteral("--help")}));
    QCOMPARE(result.outcome, MonitorCommandLine::Outcome::Help);
    QVERIFY(result.text.contains(QStringLiteral("--topic")));
    QVERIFY(result.text.contains(QStringLiteral("--filter")));
    QVERIFY(!result.text.contains(QStringLiteral("--screenshot")));
}

void TestMonitorCommandLine::replaySpeed()
{
    const QString path = m_dir.filePath(QStringLiteral("demo.jsonl"));
    QVERIFY(testing::writeRecording(path, QStringLiteral("ethereum.blocks"),
                                    testing::syntheticLines(3, 1764600000000000, 1000)));
    auto result = MonitorCommandLine::parse(args({QStringLiteral("--replay"), path}));
    QCOMPARE(result.outcome, MonitorCommandLine::Outcome::Run);
    QCOMPARE(result.replay.path, path);
    QCOMPARE(result.replaySpeed, 1.0);
    result = MonitorCommandLine::parse(
        args({QStringLiteral("--replay"), path, QStringLiteral("--speed"), QStringLiteral("5")}));
    QCOMPARE(result.outcome, MonitorCommandLine::Outcome::Run);
    QCOMPARE(result.replaySpeed, 5.0);
    result = MonitorCommandLine::parse(
        args({QStringLiteral("--speed"), QStringLiteral("MAX"), QStringLiteral("--replay"), path,
              QStringLiteral("--loop")}));
    QCOMPARE(result.outcome, MonitorCommandLine::Outcome::Run);
    QCOMPARE(result.replaySpeed, ReplayPacer::AsFastAsPossible);
    QVERIFY(result.replay.loop);

    result = MonitorCommandLine::parse(args({QStringLiteral("--speed"), QStringLiteral("2")}));
    QCOMPARE(result.outcome, MonitorCommandLine::Outcome::Error);
    QVERIFY2(result.text.contains(QLatin1String("--speed needs --replay")),
             qPrintable(result.text));
    for (const QString &bad : {QStringLiteral("0"), QStringLiteral("-1"), QStringLiteral("fast"),
                               QStringLiteral("5000")}) {
        result = MonitorCommandLine::parse(
            args({QStringLiteral("--replay"), path, QStringLiteral("--speed"), bad}));
        QCOMPARE(result.outcome, MonitorCommandLine::Outcome::Error);
        QVERIFY2(result.text.startsWith(QLatin1String("--speed: expected a factor")),
                 qPrintable(result.text));
    }
}

QTEST_GUILESS_MAIN(TestMonitorCommandLine)
#include "tst_monitorcommandline.moc"
