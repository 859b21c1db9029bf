// SPDX-License-Identifier: MIT
#include "core/alerts/alertrule.h"

#include <QJsonDocument>
#include <QTest>

using namespace allium;

class TestAlertRule : public QObject
{
    Q_OBJECT
private slots:
    void parsesEachKind_data();
    void parsesEachKind();
    void refusesNamingThePlace_data();
    void refusesNamingThePlace();
    void defaultsApply();
    void validationMatchesParsing();
};

static QJsonValue json(const char *text)
{
    return QJsonDocument::fromJson(QByteArray(text)).object();
}

// Every kind reads its own keys and writes them back unchanged.
void TestAlertRule::parsesEachKind_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<int>("kind");
    QTest::newRow("match")
        << QByteArray(
               R"({"name":"whales","topic":"ethereum.transactions","kind":"match","when":{"field":"value","operator":">","value":"1000000000000000000"},"cooldown_s":60})")
        << int(AlertRuleKind::Match);
    QTest::newRow("match, nested when, cooldown 0")
        << QByteArray(
               R"({"name":"n","topic":"ethereum.logs","kind":"match","when":{"op":"OR","conditions":[{"field":"address","operator":"in","value":["0xa","0xb"]},{"field":"topics.0","operator":"exists","value":true}]},"cooldown_s":0})")
        << int(AlertRuleKind::Match);
    QTest::newRow("rate")
        << QByteArray(
               R"({"name":"busy","topic":"solana.transactions","kind":"rate","when":{"field":"fee","operator":">","value":5000},"cooldown_s":30,"per_minute":100})")
        << int(AlertRuleKind::Rate);
    QTest::newRow("silence, any message")
        << QByteArray(
               R"({"name":"quiet","topic":"bitcoin.blocks","kind":"silence","when":{},"cooldown_s":60,"silence_s":3600})")
        << int(AlertRuleKind::Silence);
    QTest::newRow("silence, disabled")
        << QByteArray(
               R"({"name":"q2","topic":"hyperliquid.trades","kind":"silence","when":{"field":"coin","operator":"=","value":"BTC"},"cooldown_s":1.5,"enabled":false,"silence_s":30})")
        << int(AlertRuleKind::Silence);
    QTest::newRow("integrity")
        << QByteArray(
               R"({"name":"chain","topic":"ethereum.blocks","kind":"integrity","cooldown_s":60,"events":["gap","reorg","duplicate"]})")
        << int(AlertRuleKind::Integrity);
    QTest::newRow("lag")
        << QByteArray(
               R"({"name":"late","topic":"base.blocks","kind":"lag","cooldown_s":300,"lag_s":2.5})")
        << int(AlertRuleKind::Lag);
}

void TestAlertRule::parsesEachKind()
{
    QFETCH(QByteArray, text);
    QFETCH(int, kind);
    const QJsonObject object = QJsonDocument::fromJson(text).object();
    const AlertRuleParseResult result = AlertRule::fromJson(object);
    QVERIFY2(result.ok(), qPrintable(result.errorString()));
    QCOMPARE(int(result.rule.kind), kind);
    QCOMPARE(result.rule.toJson(), object);
    QCOMPARE(AlertRule::fromJson(result.rule.toJson()).rule, result.rule);
}

// An invalid rule is refused with the key path of the first problem, reusing the filter's places.
void TestAlertRule::refusesNamingThePlace_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("error");
    QTest::newRow("not an object") << QByteArray("[1]") << "a rule must be a JSON object";
    QTest::newRow("no name") << QByteArray(R"({"topic":"ethereum.blocks","when":{}})")
                             << "name: missing";
    QTest::newRow("empty name")
        << QByteArray(
               R"({"name":" ","topic":"ethereum.blocks","when":{"field":"a","operator":"exists","value":true}})")
        << "name: must not be empty";
    QTest::newRow("topic type") << QByteArray(R"({"name":"a","topic":5,"when":{}})")
                                << "topic: must be a string";
    QTest::newRow("bad topic")
        << QByteArray(
               R"({"name":"a","topic":"nodot","when":{"field":"a","operator":"exists","value":true}})")
        << "topic: ";
    QTest::newRow("unknown kind")
        << QByteArray(R"({"name":"a","topic":"ethereum.blocks","kind":"boom","when":{}})")
        << "kind: must be \"match\"";
    QTest::newRow("match needs when")
        << QByteArray(R"({"name":"a","topic":"ethereum.blocks"})") << "when: missing";
    QTest::newRow("match, empty when")
        << QByteArray(R"({"name":"a","topic":"ethereum.blocks","when":{}})")
        << "when: a condition is needed for kind \"match\"";
    QTest::newRow("filter operator")
        << QByteArray(
               R"({"name":"a","topic":"ethereum.blocks","when":{"op":"AND","conditions":[{"field":"a","operator":"=","value":1},{"field":"b","operator":"==","value":2}]}})")
        << "when.conditions[1].operator: ";
    QTest::newRow("filter value")
        << QByteArray(
               R"({"name":"a","topic":"ethereum.blocks","when":{"op":"AND","conditions":[{"field":"a","operator":"=","value":1},{"field":"b","operator":"in","value":3}]}})")
        << "when.conditions[1].value: ";
    QTest::newRow("when not an object")
        << QByteArray(R"({"name":"a","topic":"ethereum.blocks","when":"x"})") << "when: ";
    QTest::newRow("negative cooldown")
        << QByteArray(
               R"({"name":"a","topic":"ethereum.blocks","when":{"field":"a","operator":"exists","value":true},"cooldown_s":-1})")
        << "cooldown_s: must be a number";
    QTest::newRow("cooldown as text")
        << QByteArray(
               R"({"name":"a","topic":"ethereum.blocks","when":{"field":"a","operator":"exists","value":true},"cooldown_s":"60"})")
        << "cooldown_s: must be a number";
    QTest::newRow("typo key")
        << QByteArray(
               R"({"name":"a","topic":"ethereum.blocks","when":{"field":"a","operator":"exists","value":true},"cooldown":0})")
        << "cooldown: unknown key";
    QTest::newRow("key of another kind")
        << QByteArray(
               R"({"name":"a","topic":"ethereum.blocks","when":{"field":"a","operator":"exists","value":true},"per_minute":3})")
        << "per_minute: not used by kind \"match\"";
    QTest::newRow("enabled type")
        << QByteArray(
               R"({"name":"a","topic":"ethereum.blocks","when":{"field":"a","operator":"exists","value":true},"enabled":1})")
        << "enabled: must be true or false";
    QTest::newRow("rate missing")
        << QByteArray(
               R"({"name":"a","topic":"ethereum.blocks","kind":"rate","when":{"field":"a","operator":"exists","value":true}})")
        << "per_minute: missing";
    QTest::newRow("rate fraction")
        << QByteArray(
               R"({"name":"a","topic":"ethereum.blocks","kind":"rate","when":{"field":"a","operator":"exists","value":true},"per_minute":1.5})")
        << "per_minute: must be a whole number";
    QTest::newRow("rate zero")
        << QByteArray(
               R"({"name":"a","topic":"ethereum.blocks","kind":"rate","when":{"field":"a","operator":"exists","value":true},"per_minute":0})")
        << "per_minute: must be between 1 and";
    QTest::newRow("silence missing")
        << QByteArray(R"({"name":"a","topic":"ethereum.blocks","kind":"silence"})")
        << "silence_s: missing";
    QTest::newRow("integrity with when")
        << QByteArray(
               R"({"name":"a","topic":"ethereum.blocks","kind":"integrity","when":{"field":"a","operator":"exists","value":true}})")
        << "when: not used by kind \"integrity\"";
    QTest::newRow("integrity unknown event")
        << QByteArray(
               R"({"name":"a","topic":"ethereum.blocks","kind":"integrity","events":["gap","fork"]})")
        << "events[1]: must be";
    QTest::newRow("integrity empty events")
        << QByteArray(R"({"name":"a","topic":"ethereum.blocks","kind":"integrity","events":[]})")
        << "events: must be a non-empty array";
    QTest::newRow("lag zero")
        << QByteArray(R"({"name":"a","topic":"ethereum.blocks","kind":"lag","lag_s":0})")
        << "lag_s: must be a number of seconds above 0";
}

void TestAlertRule::refusesNamingThePlace()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, error);
    const QJsonDocument document = QJsonDocument::fromJson(text);
    const AlertRuleParseResult result = AlertRule::fromJson(
        document.isArray() ? QJsonValue(document.array().at(0)) : QJsonValue(document.object()));
    QVERIFY(!result.ok());
    QVERIFY2(result.errorString().startsWith(error), qPrintable(result.errorString()));
    QCOMPARE(result.rule, AlertRule());
}

// A kind defaults to "match", the cooldown to 60 s, integrity events to gap and reorg.
void TestAlertRule::defaultsApply()
{
    AlertRuleParseResult result = AlertRule::fromJson(json(
        R"({"name":"a","topic":"ethereum.blocks","when":{"field":"a","operator":"exists","value":true}})"));
    QVERIFY(result.ok());
    QCOMPARE(result.rule.kind, AlertRuleKind::Match);
    QCOMPARE(result.rule.cooldownMs, qint64(60000));
    QVERIFY(result.rule.enabled);
    result =
        AlertRule::fromJson(json(R"({"name":"a","topic":"ethereum.blocks","kind":"integrity"})"));
    QVERIFY(result.ok());
    QCOMPARE(result.rule.events, AlertRule::defaultIntegrityEvents());
}

// A rule built in code (the editor) is checked by the same rules as a parsed one.
void TestAlertRule::validationMatchesParsing()
{
    AlertRule rule;
    rule.name = QStringLiteral("r");
    rule.topic = QStringLiteral("ethereum.blocks");
    QCOMPARE(rule.validationError(),
             QStringLiteral("when: a condition is needed for kind \"match\""));
    rule.when = Filter::condition(QStringLiteral("number"), Filter::Operator::Greater, 5);
    QCOMPARE(rule.validationError(), QString());
    rule.kind = AlertRuleKind::Rate;
    QVERIFY(rule.validationError().startsWith(QStringLiteral("per_minute: ")));
    rule.when = Filter::group(Filter::Combinator::And);
    QVERIFY(rule.validationError().startsWith(QStringLiteral("when: ")));
}

QTEST_GUILESS_MAIN(TestAlertRule)
#include "tst_alertrule.moc"
