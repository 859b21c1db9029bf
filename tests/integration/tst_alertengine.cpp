// SPDX-License-Identifier: MIT
#include "core/alerts/alertengine.h"
#include "core/alerts/alertruleset.h"
#include "core/stream/streamsession.h"
#include "emulator/emulatorserver.h"
#include "support/streamfixture.h"

#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

using namespace allium;

namespace {

const QString Topic = QStringLiteral("ethereum.transactions");

AlertRule rule(const char *json)
{
    const AlertRuleParseResult result =
        AlertRule::fromJson(QJsonDocument::fromJson(QByteArray(json)).object());
    if (!result.ok())
        qWarning() << "test rule refused:" << result.errorString();
    return result.rule;
}

// A rule on Topic matching value > 1 ETH, with the given cooldown.
AlertRule whales(double cooldownS)
{
    AlertRule whale =
        rule(R"({"name":"whales","topic":"ethereum.transactions",)"
             R"("when":{"field":"value","operator":">","value":"1000000000000000000"}})");
    whale.cooldownMs = qint64(cooldownS * 1000);
    return whale;
}

QByteArray transfer(const char *value, int id = 0)
{
    return QByteArray(R"({"hash":"0x)") + QByteArray::number(id) + R"(","value":")" + value +
           R"(","block_number":100})";
}

const char *const Big = "2000000000000000000";
const char *const Small = "5";

// An engine on Topic with its rules and a spy on what it fires.
struct EngineUnderTest
{
    explicit EngineUnderTest(const QList<AlertRule> &rules)
    {
        engine.setTopic(Topic);
        engine.setRules(rules);
    }
    AlertEngine engine;
    QSignalSpy fired{&engine, &AlertEngine::alertFired};
};

AlertEvent eventAt(const QSignalSpy &spy, int index)
{
    return spy.at(index).at(0).value<AlertEvent>();
}

} // namespace

class TestAlertEngine : public QObject
{
    Q_OBJECT
private slots:
    void burstIsOneAlertWithItsCount();
    void cooldownZeroFiresEveryMatch();
    void nextFireCarriesWhatTheCooldownHeld();
    void rateFiresAboveThePerMinuteCount();
    void silenceFiresOnceAndRearms();
    void integrityAndLagEventsFire();
    void otherTopicsAndDisabledRulesStayIdle();
    void stormGuardHoldsBackAndCounts();
    void unchangedRulesKeepTheirCooldown();
    void eventJsonIsWatchsLine();
    void sparseEvaluationAgreesWithTheFilter_data();
    void sparseEvaluationAgreesWithTheFilter();
    void survivesAReconnectOfALoopbackStream();
};

// The first match fires (count 1); matches during the cooldown are held back and reported as
// one event with their count when it ends; non-matching messages count for nothing.
void TestAlertEngine::burstIsOneAlertWithItsCount()
{
    EngineUnderTest under({whales(60)});
    AlertEngine &engine = under.engine;
    QSignalSpy &fired = under.fired;
    engine.noteMessage(transfer(Big, 1), 1000, 1);
    for (int i = 2; i <= 5; ++i)
        engine.noteMessage(transfer(Big, i), 1000 + i * 1000, quint64(i));
    engine.noteMessage(transfer(Small, 6), 7000, 6);
    QCOMPARE(fired.size(), 1);
    QCOMPARE(eventAt(fired, 0).count, quint64(1));
    QCOMPARE(eventAt(fired, 0).sequence, quint64(1));
    QVERIFY(!eventAt(fired, 0).heldBack);
    engine.tick(30000);
    QCOMPARE(fired.size(), 1);
    engine.tick(61000);
    QCOMPARE(fired.size(), 2);
    const AlertEvent held = eventAt(fired, 1);
    QCOMPARE(held.count, quint64(4));
    QVERIFY(held.heldBack);
    QCOMPARE(held.sequence, quint64(5));
    QCOMPARE(held.message, transfer(Big, 5));
    engine.tick(200000); // nothing more was held
    QCOMPARE(fired.size(), 2);
    QCOMPARE(engine.evaluatedMessages(), quint64(6));
}

void TestAlertEngine::cooldownZeroFiresEveryMatch()
{
    EngineUnderTest under({whales(0)});
    AlertEngine &engine = under.engine;
    QSignalSpy &fired = under.fired;
    for (int i = 0; i < 3; ++i)
        engine.noteMessage(transfer(Big, i), 1000 + i, quint64(i));
    QCOMPARE(fired.size(), 3);
    for (int i = 0; i < 3; ++i)
        QCOMPARE(eventAt(fired, i).count, quint64(1));
}

// Without a tick between (as in a benchmark, a CLI without a timer, or a match just before the
// tick), the next fire after the cooldown carries the matches it held back, continuing the burst.
void TestAlertEngine::nextFireCarriesWhatTheCooldownHeld()
{
    EngineUnderTest under({whales(10)});
    AlertEngine &engine = under.engine;
    QSignalSpy &fired = under.fired;
    engine.noteMessage(transfer(Big), 0);
    engine.noteMessage(transfer(Big), 1000);
    engine.noteMessage(transfer(Big), 2000);
    engine.noteMessage(transfer(Big), 20000);
    QCOMPARE(fired.size(), 2);
    QCOMPARE(eventAt(fired, 1).count, quint64(3));
    QVERIFY(eventAt(fired, 1).heldBack); // the burst went on through the cooldown
}

// More than per_minute matches within the sliding minute fire; the window slides.
void TestAlertEngine::rateFiresAboveThePerMinuteCount()
{
    EngineUnderTest under({rule(
        R"({"name":"busy","topic":"ethereum.transactions","kind":"rate","cooldown_s":0,)"
        R"("per_minute":3,"when":{"field":"value","operator":">","value":"1000000000000000000"}})")});
    AlertEngine &engine = under.engine;
    QSignalSpy &fired = under.fired;
    for (int i = 0; i < 3; ++i)
        engine.noteMessage(transfer(Big), 1000 + i * 1000);
    engine.noteMessage(transfer(Small), 4000);
    QCOMPARE(fired.size(), 0);
    engine.noteMessage(transfer(Big), 5000);
    QCOMPARE(fired.size(), 1);
    QCOMPARE(eventAt(fired, 0).detail, QStringLiteral("4 matches in the last minute"));
    QCOMPARE(eventAt(fired, 0).ruleKind, AlertRuleKind::Rate);
    engine.noteMessage(transfer(Big), 70000); // the first four left the window
    QCOMPARE(fired.size(), 1);
}

// No (matching) message for silence_s: one alert per silence; a match re-arms it.
void TestAlertEngine::silenceFiresOnceAndRearms()
{
    EngineUnderTest under({rule(
        R"({"name":"quiet","topic":"ethereum.transactions","kind":"silence",)"
        R"("cooldown_s":0,"silence_s":10,"when":{"field":"value","operator":">","value":"1000000000000000000"}})")});
    AlertEngine &engine = under.engine;
    QSignalSpy &fired = under.fired;
    engine.tick(0);
    engine.noteMessage(transfer(Big), 5000);
    engine.noteMessage(transfer(Small), 12000); // does not match: still silent
    engine.tick(14000);
    QCOMPARE(fired.size(), 0);
    engine.tick(15500);
    QCOMPARE(fired.size(), 1);
    QCOMPARE(eventAt(fired, 0).detail, QStringLiteral("no matching message for 10 s"));
    engine.tick(30000);
    QCOMPARE(fired.size(), 1);
    engine.noteMessage(transfer(Big), 31000);
    engine.tick(41000);
    QCOMPARE(fired.size(), 2);

    // Stopped by its user (or a paused replay): quiet by choice, never a silence; started
    // again, the silence is counted from then.
    engine.noteMessage(transfer(Big), 50000);
    engine.setListening(false);
    engine.tick(70000);
    engine.tick(90000);
    QCOMPARE(fired.size(), 2);
    engine.setListening(true);
    engine.tick(95000);
    engine.tick(104000);
    QCOMPARE(fired.size(), 2);
    engine.tick(105500);
    QCOMPARE(fired.size(), 3);
}

// Integrity rules fire on their event kinds only; lag rules on lag events at or above lag_s.
void TestAlertEngine::integrityAndLagEventsFire()
{
    AlertEngine engine;
    engine.setTopic(QStringLiteral("ethereum.blocks"));
    engine.setRules(
        {rule(R"({"name":"chain","topic":"ethereum.blocks","kind":"integrity","cooldown_s":0})"),
         rule(
             R"({"name":"late","topic":"ethereum.blocks","kind":"lag","cooldown_s":0,"lag_s":5})")});
    QSignalSpy fired(&engine, &AlertEngine::alertFired);
    IntegrityEvent gap;
    gap.kind = IntegrityEventKind::Gap;
    gap.topic = QStringLiteral("ethereum.blocks");
    gap.timeMs = 1000;
    gap.from = 101;
    gap.to = 103;
    gap.missing = 3;
    gap.message = R"({"number":104})";
    engine.noteIntegrityEvent(gap);
    QCOMPARE(fired.size(), 1);
    QCOMPARE(eventAt(fired, 0).rule, QStringLiteral("chain"));
    QCOMPARE(eventAt(fired, 0).integrity.value(QStringLiteral("kind")).toString(),
             QStringLiteral("gap"));
    QCOMPARE(eventAt(fired, 0).message, gap.message);
    IntegrityEvent duplicate = gap;
    duplicate.kind = IntegrityEventKind::Duplicate;
    engine.noteIntegrityEvent(duplicate);
    QCOMPARE(fired.size(), 1);
    IntegrityEvent reorg = gap;
    reorg.kind = IntegrityEventKind::Reorg;
    reorg.depth = 2;
    engine.noteIntegrityEvent(reorg);
    QCOMPARE(fired.size(), 2);
    IntegrityEvent lag;
    lag.kind = IntegrityEventKind::Lag;
    lag.topic = gap.topic;
    lag.lagMs = 3000;
    engine.noteIntegrityEvent(lag);
    QCOMPARE(fired.size(), 2);
    lag.lagMs = 6000;
    engine.noteIntegrityEvent(lag);
    QCOMPARE(fired.size(), 3);
    QCOMPARE(eventAt(fired, 2).rule, QStringLiteral("late"));
    lag.topic = QStringLiteral("base.blocks"); // another stream's
    engine.noteIntegrityEvent(lag);
    QCOMPARE(fired.size(), 3);
}

void TestAlertEngine::otherTopicsAndDisabledRulesStayIdle()
{
    AlertEngine engine;
    engine.setTopic(QStringLiteral("base.transactions"));
    AlertRule disabled = whales(0);
    disabled.topic = engine.topic();
    disabled.enabled = false;
    engine.setRules({whales(0), disabled});
    QVERIFY(!engine.hasMessageRules());
    QSignalSpy fired(&engine, &AlertEngine::alertFired);
    engine.noteMessage(transfer(Big), 1000);
    QCOMPARE(fired.size(), 0);
    engine.setTopic(Topic); // the stream switched topic: the first rule applies now
    engine.noteMessage(transfer(Big), 2000);
    QCOMPARE(fired.size(), 1);
}

// With a cooldown of 0, at most MaxAlertsPerSecond alerts a second are emitted; the rest are
// counted and reported by the next tick, so nothing is lost and no queue floods.
void TestAlertEngine::stormGuardHoldsBackAndCounts()
{
    EngineUnderTest under({whales(0)});
    AlertEngine &engine = under.engine;
    QSignalSpy &fired = under.fired;
    for (int i = 0; i < 200; ++i)
        engine.noteMessage(transfer(Big, i), 5000, quint64(i));
    QCOMPARE(fired.size(), AlertEngine::MaxAlertsPerSecond);
    engine.tick(6000);
    QCOMPARE(fired.size(), AlertEngine::MaxAlertsPerSecond + 1);
    QCOMPARE(eventAt(fired, fired.size() - 1).count,
             quint64(200 - AlertEngine::MaxAlertsPerSecond));
    quint64 total = 0;
    for (int i = 0; i < fired.size(); ++i)
        total += eventAt(fired, i).count;
    QCOMPARE(total, quint64(200));
}

// Editing the rule set (adding a rule) leaves the state of the unchanged rules alone.
void TestAlertEngine::unchangedRulesKeepTheirCooldown()
{
    EngineUnderTest under({whales(60)});
    AlertEngine &engine = under.engine;
    QSignalSpy &fired = under.fired;
    engine.noteMessage(transfer(Big), 1000);
    AlertRule other = whales(60);
    other.name = QStringLiteral("other");
    engine.setRules({whales(60), other});
    engine.noteMessage(transfer(Big), 2000);
    QCOMPARE(fired.size(), 2); // "other" fired, "whales" is still cooling down
    QCOMPARE(eventAt(fired, 1).rule, QStringLiteral("other"));
}

// toJson() is the line `allium-cli watch` prints: the message as an object, not as text.
void TestAlertEngine::eventJsonIsWatchsLine()
{
    EngineUnderTest under({whales(60)});
    AlertEngine &engine = under.engine;
    QSignalSpy &fired = under.fired;
    engine.noteMessage(transfer(Big, 7), 1700000000123, 9);
    QCOMPARE(fired.size(), 1);
    const QJsonObject json = eventAt(fired, 0).toJson();
    QCOMPARE(json.value(QStringLiteral("kind")).toString(), QStringLiteral("alert"));
    QCOMPARE(json.value(QStringLiteral("topic")).toString(), Topic);
    QCOMPARE(json.value(QStringLiteral("time")).toString(),
             QStringLiteral("2023-11-14T22:13:20.123Z"));
    QCOMPARE(json.value(QStringLiteral("rule")).toString(), QStringLiteral("whales"));
    QCOMPARE(json.value(QStringLiteral("count")).toInteger(), 1);
    QCOMPARE(json.value(QStringLiteral("message")).toObject(),
             QJsonDocument::fromJson(transfer(Big, 7)).object());
    AlertEvent large = eventAt(fired, 0);
    large.setMessage(QByteArray(AlertEvent::MaxMessageBytes + 1, ' '));
    QVERIFY(large.message.isEmpty());
    QCOMPARE(large.toJson().value(QStringLiteral("message_bytes")).toInteger(),
             AlertEvent::MaxMessageBytes + 1);
}

// The engine reads only the top-level members the conditions name; its verdict is the filter's
// on the whole document, whatever the shapes of the values.
void TestAlertEngine::sparseEvaluationAgreesWithTheFilter_data()
{
    QTest::addColumn<QByteArray>("filter");
    QTest::addColumn<QByteArray>("message");
    const QByteArray message =
        R"({"a":1,"s":"x\"y","big":123456789012345678901234,"f":-0.5,"t":true,"n":null,)"
        R"("o":{"p":{"q":[1,"two",{"r":3}]}},"arr":[5,6],"hex":"0xABcd","e":1e3,"dup":1,"dup":2})";
    const QList<QByteArray> filters = {
        R"({"field":"a","operator":"=","value":1})",
        R"({"field":"s","operator":"=","value":"x\"y"})",
        R"({"field":"big","operator":">","value":"123456789012345678901233"})",
        R"({"field":"f","operator":"<","value":0})",
        R"({"field":"t","operator":"=","value":true})",
        R"({"field":"n","operator":"exists","value":false})",
        R"({"field":"o.p.q.2.r","operator":">=","value":3})",
        R"({"field":"o.p.q.1","operator":"in","value":["one","two"]})",
        R"({"field":"arr.1","operator":"=","value":6})",
        R"({"field":"hex","operator":"=","value":"0xabcd"})",
        R"({"field":"e","operator":"=","value":1000})",
        R"({"field":"dup","operator":"=","value":2})",
        R"({"field":"missing","operator":"!=","value":2})",
        R"({"op":"OR","conditions":[{"field":"a","operator":"=","value":2},{"op":"AND","conditions":[{"field":"t","operator":"!=","value":false},{"field":"o.p","operator":"exists","value":true}]}]})",
    };
    for (const QByteArray &filter : filters)
        QTest::newRow(filter.constData()) << filter << message;
}

void TestAlertEngine::sparseEvaluationAgreesWithTheFilter()
{
    QFETCH(QByteArray, filter);
    QFETCH(QByteArray, message);
    AlertRule matching = whales(0);
    const FilterParseResult parsed = Filter::parse(filter);
    QVERIFY2(parsed.ok(), qPrintable(parsed.errorString()));
    matching.when = parsed.filter;
    EngineUnderTest under({matching});
    AlertEngine &engine = under.engine;
    QSignalSpy &fired = under.fired;
    engine.noteMessage(message, 1000);
    const bool expected = parsed.filter.matches(QJsonDocument::fromJson(message).object());
    QCOMPARE(fired.size(), expected ? 1 : 0);
}

// Through a real stream on loopback: the engine sees every message received, and its rules
// keep firing after the server drops the connection and the session reconnects.
void TestAlertEngine::survivesAReconnectOfALoopbackStream()
{
    EmulatorOptions options;
    options.rate = 400;
    StreamFixture stream(options);
    QVERIFY(stream.listen(QStringLiteral("hyperliquid.fills")));
    auto engine = std::make_shared<AlertEngine>();
    engine->setRules(
        {rule(R"({"name":"fills","topic":"hyperliquid.fills","cooldown_s":0,)"
              R"("when":{"field":"payload.coin","operator":"exists","value":true}})")});
    stream.session.setAlertEngine(engine);
    QSignalSpy fired(engine.get(), &AlertEngine::alertFired);
    stream.session.start();
    QVERIFY(stream.openAndWait());
    QTRY_VERIFY_WITH_TIMEOUT(fired.size() >= 5, 5000);
    QCOMPARE(engine->topic(), QStringLiteral("hyperliquid.fills"));
    stream.server.dropAllConnections();
    QTRY_COMPARE_WITH_TIMEOUT(stream.session.stats().reconnects, quint64(1), 5000);
    const int firedBefore = fired.size();
    QTRY_VERIFY_WITH_TIMEOUT(fired.size() >= firedBefore + 5, 5000);
    stream.session.close();
    QTRY_COMPARE_WITH_TIMEOUT(engine->evaluatedMessages(), stream.session.stats().messages, 5000);
    // Every message fired (cooldown 0), within the storm guard's bound.
    const AlertEvent last = eventAt(fired, fired.size() - 1);
    QCOMPARE(last.topic, QStringLiteral("hyperliquid.fills"));
    QVERIFY(last.sequence > 0);
}

QTEST_GUILESS_MAIN(TestAlertEngine)
#include "tst_alertengine.moc"
