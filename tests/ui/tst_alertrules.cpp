// SPDX-License-Identifier: MIT
#include "core/alerts/alertcenter.h"
#include "core/alerts/alertlogmodel.h"
#include "core/alerts/alertruleset.h"
#include "core/stream/streamsession.h"
#include "emulator/emulatorserver.h"
#include "support/streamfixture.h"
#include "ui/alerts/alertlogpanel.h"
#include "ui/alerts/alertruledialog.h"
#include "ui/alerts/alertrulesdialog.h"
#include "ui/filter/filterbuilderwidget.h"
#include "ui/filter/filterconditionrow.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QTreeWidget>

using namespace allium;

class TestAlertRules : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void ruleMadeByInputFiresOnALoopbackStream();
    void invalidRuleCannotBeSaved();
    void importRefusesNamingThePlaceAndExportRoundTrips();

private:
    AlertRuleDialog *typeRule(AlertRulesDialog *rules, const QString &name, const QString &topic,
                              const QString &field, const QString &cooldown);
};

void TestAlertRules::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

// Fills the rule editor the way a user does: name, topic, cooldown, then one condition
// "field exists" in the filter builder.
AlertRuleDialog *TestAlertRules::typeRule(AlertRulesDialog *rules, const QString &name,
                                          const QString &topic, const QString &field,
                                          const QString &cooldown)
{
    QTest::mouseClick(rules->findChild<QPushButton *>(QStringLiteral("addRule")), Qt::LeftButton);
    auto *editor = rules->findChild<AlertRuleDialog *>(QStringLiteral("alertRuleEditor"));
    if (!editor)
        return nullptr;
    QTest::keyClicks(editor->findChild<QLineEdit *>(QStringLiteral("ruleName")), name);
    QComboBox *topicBox = editor->findChild<QComboBox *>(QStringLiteral("ruleTopic"));
    topicBox->lineEdit()->selectAll();
    QTest::keyClicks(topicBox->lineEdit(), topic);
    auto *cooldownBox = editor->findChild<QDoubleSpinBox *>(QStringLiteral("ruleCooldown"));
    cooldownBox->setFocus();
    cooldownBox->selectAll();
    QTest::keyClicks(cooldownBox, cooldown);
    QTest::keyClick(cooldownBox, Qt::Key_Tab);

    auto *builder = editor->findChild<FilterBuilderWidget *>(QStringLiteral("ruleWhen"));
    QTest::mouseClick(builder->findChild<QToolButton *>(QStringLiteral("addConditionButton")),
                      Qt::LeftButton);
    QTreeWidgetItem *item = builder->tree()->topLevelItem(0);
    auto *row =
        item ? qobject_cast<FilterConditionRow *>(builder->tree()->itemWidget(item, 0)) : nullptr;
    if (!row)
        return nullptr;
    QComboBox *fieldBox = row->findChild<QComboBox *>(QStringLiteral("fieldBox"));
    fieldBox->setFocus();
    QTest::keyClicks(fieldBox->lineEdit(), field);
    QTest::keyClick(fieldBox->lineEdit(), Qt::Key_Escape);
    QComboBox *operatorBox = row->findChild<QComboBox *>(QStringLiteral("operatorBox"));
    operatorBox->setFocus();
    QTest::keyClicks(operatorBox, QStringLiteral("exists"));
    return editor;
}

// A rule typed into the manager (cooldown 1 s) fires on messages of a real stream on loopback;
// the log shows it with the message one click away, and the cooldown merges the burst into the
// same row, whose count grows.
void TestAlertRules::ruleMadeByInputFiresOnALoopbackStream()
{
    AlertCenter alerts(nullptr);
    QAbstractItemModelTester tester(alerts.log());
    AlertRulesDialog rules(&alerts);
    rules.show();
    QVERIFY(QTest::qWaitForWindowExposed(&rules));
    AlertRuleDialog *editor =
        typeRule(&rules, QStringLiteral("coins"), QStringLiteral("hyperliquid.fills"),
                 QStringLiteral("payload.coin"), QStringLiteral("1"));
    QVERIFY(editor);
    QVERIFY2(editor->problem().isEmpty(), qPrintable(editor->problem()));
    QTest::mouseClick(editor->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok),
                      Qt::LeftButton);
    QCOMPARE(alerts.rules().size(), 1);
    const AlertRule rule = alerts.rules().first();
    QCOMPARE(rule.name, QStringLiteral("coins"));
    QCOMPARE(rule.cooldownMs, qint64(1000));
    QCOMPARE(QString::fromUtf8(rule.when.toJsonText()),
             QStringLiteral(R"({"field":"payload.coin","operator":"exists","value":true})"));
    QCOMPARE(rules.findChild<QListWidget *>(QStringLiteral("alertRuleList"))->count(), 1);

    EmulatorOptions options;
    options.rate = 200;
    StreamFixture stream(options);
    QVERIFY(stream.listen(QStringLiteral("hyperliquid.fills")));
    alerts.attach(&stream.session);
    AlertLogPanel panel(alerts.log());
    panel.resize(800, 300);
    panel.show();
    stream.session.start();
    QVERIFY(stream.openAndWait());
    QTRY_COMPARE_WITH_TIMEOUT(alerts.log()->rowCount(), 1, 5000);
    QCOMPARE(alerts.log()->entry(0).count, quint64(1));
    // One click on the entry shows the message that fired it.
    QTableView *view = panel.view();
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {},
                      view->visualRect(alerts.log()->index(0, 1)).center());
    QVERIFY2(panel.shownMessage().contains(QStringLiteral("\"coin\"")),
             qPrintable(panel.shownMessage()));
    // The burst goes on: after the 1 s cooldown its held-back matches join the same row.
    QTRY_VERIFY_WITH_TIMEOUT(alerts.log()->entry(0).count > 1, 5000);
    QCOMPARE(alerts.log()->rowCount(), 1);
    alerts.detach(&stream.session);
}

// OK stays disabled, with the reason, while the rule is invalid (here: no condition).
void TestAlertRules::invalidRuleCannotBeSaved()
{
    AlertCenter alerts(nullptr);
    AlertRulesDialog rules(&alerts);
    rules.show();
    QTest::mouseClick(rules.findChild<QPushButton *>(QStringLiteral("addRule")), Qt::LeftButton);
    auto *editor = rules.findChild<AlertRuleDialog *>(QStringLiteral("alertRuleEditor"));
    QVERIFY(editor);
    QTest::keyClicks(editor->findChild<QLineEdit *>(QStringLiteral("ruleName")),
                     QStringLiteral("nothing"));
    QPushButton *ok = editor->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
    QVERIFY(!ok->isEnabled());
    QCOMPARE(editor->problem(), QStringLiteral("when: a condition is needed for kind \"match\""));
    editor->reject();
    QVERIFY(alerts.rules().isEmpty());
}

// Import refuses a bad file naming the rule and the place and keeps the rules; export writes
// the documented JSON, which imports back to the same rules.
void TestAlertRules::importRefusesNamingThePlaceAndExportRoundTrips()
{
    QTemporaryDir dir;
    AlertCenter alerts(nullptr);
    QString problem;
    const AlertRuleSet set = AlertRuleSet::parse(
        R"([{"name":"whales","topic":"ethereum.transactions","cooldown_s":0,)"
        R"("when":{"field":"value","operator":">","value":"1000000000000000000"}},)"
        R"({"name":"chain","topic":"ethereum.blocks","kind":"integrity","enabled":false}])",
        &problem);
    QVERIFY(alerts.setRules(set.rules()));
    AlertRulesDialog rules(&alerts);
    const QString exported = dir.filePath(QStringLiteral("rules.json"));
    QVERIFY(rules.exportFile(exported));

    const QString bad = dir.filePath(QStringLiteral("bad.json"));
    QFile file(bad);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(R"([{"name":"x","topic":"ethereum.blocks","when":{"field":"a","operator":"=="}}])");
    file.close();
    QVERIFY(!rules.importFile(bad));
    auto *shown = rules.findChild<QLabel *>(QStringLiteral("rulesProblem"));
    QVERIFY2(shown->text().startsWith(QStringLiteral(R"(rule 1 ("x"): when.operator: )")),
             qPrintable(shown->text()));
    QCOMPARE(alerts.rules(), set.rules());

    QVERIFY(alerts.setRules({}));
    QVERIFY(rules.importFile(exported));
    QCOMPARE(alerts.rules(), set.rules());
    auto *list = rules.findChild<QListWidget *>(QStringLiteral("alertRuleList"));
    QCOMPARE(list->count(), 2);
    QCOMPARE(list->item(1)->checkState(), Qt::Unchecked);
    // The switch in the list enables the rule.
    list->item(1)->setCheckState(Qt::Checked);
    QVERIFY(alerts.rules().at(1).enabled);
}

QTEST_MAIN(TestAlertRules)
#include "tst_alertrules.moc"
