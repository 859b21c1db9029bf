// SPDX-License-Identifier: MIT
#include "core/alerts/alertruleset.h"

#include <QTemporaryDir>
#include <QTest>

using namespace allium;

class TestAlertRuleSet : public QObject
{
    Q_OBJECT
private slots:
    void refusesTheFileNamingTheRule_data();
    void refusesTheFileNamingTheRule();
    void roundTrips();
    void readsAFileWithinItsBound();
    void validatesRulesBuiltInCode();
};

static const QByteArray whales =
    R"({"name":"whales","topic":"ethereum.transactions","when":{"field":"value","operator":">","value":"1000000000000000000"},"cooldown_s":60})";

// The first invalid rule refuses the whole file, numbered from 1 and named.
void TestAlertRuleSet::refusesTheFileNamingTheRule_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("error");
    QTest::newRow("syntax") << QByteArray("[{") << "not valid JSON at offset";
    QTest::newRow("object") << QByteArray("{}") << "the rules file must be a JSON array of rules";
    QTest::newRow("third rule's condition")
        << "[" + whales + "," +
               QByteArray(
                   R"({"name":"b","topic":"ethereum.blocks","when":{"field":"number","operator":"exists","value":true}})") +
               "," +
               R"({"name":"whales 2","topic":"ethereum.transactions","when":{"op":"AND","conditions":[{"field":"value","operator":">","value":"1"},{"field":"to_address","operator":"in","value":"0xabc"}]}})" +
               "]"
        << R"(rule 3 ("whales 2"): when.conditions[1].value: )";
    QTest::newRow("unnamed rule") << QByteArray(R"([{"topic":"ethereum.blocks"}])")
                                  << "rule 1: name: missing";
    QTest::newRow("duplicate name") << "[" + whales + "," + whales + "]"
                                    << R"(rule 2 ("whales"): name: used by an earlier rule)";
    QTest::newRow("quote in name")
        << QByteArray(R"([{"name":"a\"b","topic":"x"}])") << R"(rule 1 ("a\"b"): when: missing)";
    QByteArray many = "[";
    for (int i = 0; i <= AlertRuleSet::MaxRules; ++i)
        many += (i ? "," : "") + QByteArray("{}");
    QTest::newRow("too many rules") << many + "]"
                                    << "more than 1000 rules";
    QTest::newRow("too large") << QByteArray(AlertRuleSet::MaxFileBytes + 1, ' ')
                               << "the rules file is larger than";
}

void TestAlertRuleSet::refusesTheFileNamingTheRule()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, error);
    QString problem;
    const AlertRuleSet set = AlertRuleSet::parse(text, &problem);
    QVERIFY2(problem.startsWith(error), qPrintable(problem));
    QVERIFY(set.rules().isEmpty());
}

// What toJsonText() writes parses back to the same rules, every kind included.
void TestAlertRuleSet::roundTrips()
{
    const QByteArray text =
        "[" + whales + "," +
        R"({"name":"chain","topic":"ethereum.blocks","kind":"integrity","cooldown_s":0,"events":["reorg"]},)"
        R"({"name":"quiet","topic":"bitcoin.blocks","kind":"silence","silence_s":3600,"enabled":false},)"
        R"({"name":"late","topic":"base.blocks","kind":"lag","lag_s":5})"
        "]";
    QString problem;
    const AlertRuleSet set = AlertRuleSet::parse(text, &problem);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QCOMPARE(set.rules().size(), 4);
    QCOMPARE(set.rulesForTopic(QStringLiteral("bitcoin.blocks")).size(), 1);
    const AlertRuleSet again = AlertRuleSet::parse(set.toJsonText(), &problem);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QCOMPARE(again.rules(), set.rules());
    QCOMPARE(again.toJsonText(), set.toJsonText());
}

// A file is read whole when within the bound, refused unread beyond it or when missing.
void TestAlertRuleSet::readsAFileWithinItsBound()
{
    QTemporaryDir dir;
    QFile file(dir.filePath(QStringLiteral("rules.json")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("[" + whales + "]");
    file.close();
    QString problem;
    QCOMPARE(AlertRuleSet::readFile(file.fileName(), &problem).rules().size(), 1);
    QVERIFY(problem.isEmpty());
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QByteArray(AlertRuleSet::MaxFileBytes + 10, ' '));
    file.close();
    QVERIFY(AlertRuleSet::readFile(file.fileName(), &problem).rules().isEmpty());
    QVERIFY2(problem.contains(QStringLiteral("larger than")), qPrintable(problem));
    QVERIFY(AlertRuleSet::readFile(dir.filePath(QStringLiteral("none.json")), &problem)
                .rules()
                .isEmpty());
    QVERIFY2(problem.startsWith(QStringLiteral("cannot read")), qPrintable(problem));
}

void TestAlertRuleSet::validatesRulesBuiltInCode()
{
    QString problem;
    AlertRuleSet set = AlertRuleSet::parse("[" + whales + "]", &problem);
    QList<AlertRule> rules = set.rules();
    QCOMPARE(AlertRuleSet::validationError(rules), QString());
    rules.append(rules.first());
    QCOMPARE(AlertRuleSet::validationError(rules),
             QStringLiteral(R"(rule 2 ("whales"): name: used by an earlier rule)"));
    rules.last().name = QStringLiteral("other");
    rules.last().topic = QStringLiteral("bad");
    QVERIFY(AlertRuleSet::validationError(rules).startsWith(
        QStringLiteral(R"(rule 2 ("other"): topic: )")));
}

QTEST_GUILESS_MAIN(TestAlertRuleSet)
#include "tst_alertruleset.moc"
