// SPDX-License-Identifier: MIT
#include "core/filter/filterpreview.h"
#include "ui/filter/filterbuilderwidget.h"
#include "ui/filter/filterconditionrow.h"
#include "ui/filter/filtereditorpanel.h"
#include "ui/topic/topicpickerwidget.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QApplication>
#include <QComboBox>
#include <QCoreApplication>
#include <QJsonValue>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QToolButton>
#include <QTreeWidget>

using namespace allium;

class TestFilterEditor : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    // A builder edit re-renders the JSON text, indented, and asks for a preview.
    void builderEditRendersText();
    // Typing valid JSON updates the builder's filter and its visible rows.
    void typingJsonUpdatesBuilder();
    // An unknown operator shows path and message, underlines the value, and blocks Apply.
    void invalidOperatorIsMarkedAndNotApplied();
    // A syntax error is shown with its offset and underlined there.
    void syntaxErrorIsMarked();
    // Ctrl+Return applies what was just typed, even before the parse delay.
    void applyShortcutUsesFreshText();
    // Clear empties builder and text and applies the empty filter.
    void clearAppliesEmptyFilter();
    // Saved filters survive a new panel (QSettings), load without applying, and delete.
    void savedFiltersRoundTrip();
    // The preview shows the count, unknown-field warnings and sample rows.
    void previewDisplay();
    // Every interactive control has an accessible name; the panels fit a 1024x700 window.
    void accessibilityAndSize();
    void invalidJsonPreviewSaysWhere();
    void topicSwitchForgetsThePreview();
    void previewSaysWhatItCovers();
    void roomAtTheStreamPanelsSize();
    void expandAsksForRoom();

private:
    QPlainTextEdit *jsonEdit() const
    {
        return m_panel->findChild<QPlainTextEdit *>(QStringLiteral("jsonEdit"));
    }
    QLabel *label(const char *name) const
    {
        return m_panel->findChild<QLabel *>(QLatin1String(name));
    }
    void replaceText(const QString &text);

    FilterEditorPanel *m_panel = nullptr;
};

void TestFilterEditor::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("AlliumMonitorTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_filtereditor"));
}

void TestFilterEditor::init()
{
    QSettings().remove(QStringLiteral("savedFilters"));
    m_panel = new FilterEditorPanel;
    m_panel->setTopic(QStringLiteral("ethereum.transactions"));
    m_panel->resize(900, 500);
    m_panel->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_panel));
}

void TestFilterEditor::cleanup()
{
    delete m_panel;
    m_panel = nullptr;
}

// Select-all and type, as a user replacing the text would.
void TestFilterEditor::replaceText(const QString &text)
{
    QPlainTextEdit *edit = jsonEdit();
    edit->setFocus();
    QTest::keyClick(edit, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClick(edit, Qt::Key_Delete);
    QTest::keyClicks(edit, text);
}

void TestFilterEditor::builderEditRendersText()
{
    QSignalSpy preview(m_panel, &FilterEditorPanel::previewRequested);
    auto *add = m_panel->findChild<QToolButton *>(QStringLiteral("addConditionButton"));
    QTest::mouseClick(add, Qt::LeftButton);
    // A new, empty condition is shown but invalid.
    QCOMPARE(label("errorLabel")->text(), QStringLiteral("field: empty field"));
    QVERIFY(!m_panel->isValid());

    auto *row = m_panel->builder()->findChild<FilterConditionRow *>();
    QTest::keyClicks(row->fieldBox()->lineEdit(), QStringLiteral("gas_price"));
    QTest::keyClicks(row->valueEdit(), QStringLiteral("30"));
    QCOMPARE(jsonEdit()->toPlainText(),
             QStringLiteral("{\n    \"field\": \"gas_price\",\n    \"operator\": \"=\",\n"
                            "    \"value\": 30\n}\n"));
    QVERIFY(m_panel->isValid());
    QVERIFY(preview.wait(2000));
    QCOMPARE(
        preview.last().at(0).value<Filter>(),
        Filter::condition(QStringLiteral("gas_price"), Filter::Operator::Equal, QJsonValue(30)));
}

void TestFilterEditor::typingJsonUpdatesBuilder()
{
    QSignalSpy applied(m_panel, &FilterEditorPanel::applyRequested);
    replaceText(QStringLiteral(
        R"({"op": "OR", "conditions": [)"
        R"({"field": "value", "operator": ">", "value": "1000000000000000000000"}, )"
        R"({"field": "to_address", "operator": "in", "value": ["0xab", "0xcd"]}]})"));
    const Filter expected = Filter::group(
        Filter::Combinator::Or,
        {Filter::condition(QStringLiteral("value"), Filter::Operator::Greater,
                           QJsonValue(QStringLiteral("1000000000000000000000"))),
         Filter::condition(QStringLiteral("to_address"), Filter::Operator::In,
                           QJsonArray{QStringLiteral("0xab"), QStringLiteral("0xcd")})});
    QTRY_COMPARE(m_panel->builder()->filter(), expected);
    QCOMPARE(m_panel->filter(), expected);
    QVERIFY(jsonEdit()->hasFocus()); // the builder update did not steal the focus

    QTreeWidget *tree = m_panel->builder()->tree();
    QCOMPARE(tree->topLevelItemCount(), 2);
    auto *second = qobject_cast<FilterConditionRow *>(tree->itemWidget(tree->topLevelItem(1), 0));
    QCOMPARE(second->fieldBox()->currentText(), QStringLiteral("to_address"));
    QCOMPARE(second->operatorBox()->currentText(), QStringLiteral("in"));
    QCOMPARE(second->listEdit()->text(), QStringLiteral("0xab, 0xcd"));
    QCOMPARE(m_panel->findChild<QComboBox *>(QStringLiteral("rootCombinatorBox"))->currentText(),
             QStringLiteral("any (OR)"));

    QTest::mouseClick(m_panel->findChild<QAbstractButton *>(QStringLiteral("applyButton")),
                      Qt::LeftButton);
    QCOMPARE(applied.size(), 1);
    QCOMPARE(applied.at(0).at(0).value<Filter>(), expected);
}

void TestFilterEditor::invalidOperatorIsMarkedAndNotApplied()
{
    QSignalSpy applied(m_panel, &FilterEditorPanel::applyRequested);
    QSignalSpy validity(m_panel, &FilterEditorPanel::validityChanged);
    const QString text = QStringLiteral(
        R"({"op": "AND", "conditions": [{"field": "a", "operator": "=", "value": 1}, )"
        R"({"field": "b", "operator": "==", "value": 2}]})");
    replaceText(text);
    QTRY_COMPARE(label("errorLabel")->text(),
                 QStringLiteral("conditions[1].operator: unknown operator \"==\""));
    QVERIFY(!m_panel->isValid());
    QCOMPARE(validity.size(), 1);
    QCOMPARE(validity.at(0).at(0).toBool(), false);

    const QList<QTextEdit::ExtraSelection> selections = jsonEdit()->extraSelections();
    QCOMPARE(selections.size(), 1);
    const int start = int(text.indexOf(QLatin1String("\"==\"")));
    QCOMPARE(selections.at(0).cursor.selectionStart(), start);
    QCOMPARE(selections.at(0).cursor.selectionEnd(), start + 4);
    QCOMPARE(selections.at(0).format.underlineStyle(), QTextCharFormat::WaveUnderline);

    auto *apply = m_panel->findChild<QAbstractButton *>(QStringLiteral("applyButton"));
    QVERIFY(!apply->isEnabled());
    QTest::mouseClick(apply, Qt::LeftButton);
    QTest::keyClick(jsonEdit(), Qt::Key_Return, Qt::ControlModifier);
    m_panel->apply();
    QCOMPARE(applied.size(), 0);

    // Fixing the operator clears the mark and enables Apply.
    QTextCursor cursor(jsonEdit()->document());
    cursor.setPosition(start + 1);
    jsonEdit()->setTextCursor(cursor);
    QTest::keyClick(jsonEdit(), Qt::Key_Delete);
    QTRY_VERIFY(m_panel->isValid());
    QVERIFY(jsonEdit()->extraSelections().isEmpty());
    QVERIFY(apply->isEnabled());
    QTest::keyClick(jsonEdit(), Qt::Key_Return, Qt::ControlModifier);
    QCOMPARE(applied.size(), 1);
    QCOMPARE(applied.at(0).at(0).value<Filter>().children().at(1).op(), Filter::Operator::Equal);
}

void TestFilterEditor::syntaxErrorIsMarked()
{
    replaceText(QStringLiteral(R"({"field": "a", "operator" "=", "value": 1})"));
    QTRY_VERIFY(!m_panel->isValid());
    QVERIFY2(label("errorLabel")->text().startsWith(QLatin1String("JSON syntax error")),
             qPrintable(label("errorLabel")->text()));
    const QList<QTextEdit::ExtraSelection> selections = jsonEdit()->extraSelections();
    QCOMPARE(selections.size(), 1);
    QVERIFY(selections.at(0).cursor.hasSelection());
    // Qt reports the offset just after the key that lacks its colon.
    QVERIFY(qAbs(selections.at(0).cursor.selectionStart() - 26) <= 2);
}

void TestFilterEditor::applyShortcutUsesFreshText()
{
    QSignalSpy applied(m_panel, &FilterEditorPanel::applyRequested);
    replaceText(QStringLiteral(R"({"field": "hash", "operator": "exists", "value": true})"));
    QTest::keyClick(jsonEdit(), Qt::Key_Return, Qt::ControlModifier);
    QCOMPARE(applied.size(), 1);
    QCOMPARE(applied.at(0).at(0).value<Filter>(),
             Filter::condition(QStringLiteral("hash"), Filter::Operator::Exists, QJsonValue(true)));
}

void TestFilterEditor::clearAppliesEmptyFilter()
{
    m_panel->setFilter(
        Filter::condition(QStringLiteral("gas"), Filter::Operator::Less, QJsonValue(21000)));
    QCOMPARE(m_panel->builder()->tree()->topLevelItemCount(), 1);
    QSignalSpy applied(m_panel, &FilterEditorPanel::applyRequested);
    QTest::mouseClick(m_panel->findChild<QAbstractButton *>(QStringLiteral("clearButton")),
                      Qt::LeftButton);
    QCOMPARE(applied.size(), 1);
    QVERIFY(applied.at(0).at(0).value<Filter>().isEmpty());
    QCOMPARE(m_panel->builder()->tree()->topLevelItemCount(), 0);
    QCOMPARE(jsonEdit()->toPlainText(), QStringLiteral("{\n}\n"));
    QVERIFY(m_panel->isValid());
}

void TestFilterEditor::savedFiltersRoundTrip()
{
    QVERIFY(m_panel->savedFilterNames().isEmpty());
    const Filter first = Filter::condition(QStringLiteral("value"), Filter::Operator::Greater,
                                           QJsonValue(QStringLiteral("1000000000000000000")));
    const Filter second = Filter::group(
        Filter::Combinator::And,
        {Filter::condition(QStringLiteral("gas"), Filter::Operator::Less, QJsonValue(21000)),
         Filter::condition(QStringLiteral("input"), Filter::Operator::Exists, QJsonValue(false))});
    m_panel->setFilter(first);
    QVERIFY(m_panel->saveFilterAs(QStringLiteral("Whales / 1 ETH+")));
    m_panel->setFilter(second);
    QVERIFY(m_panel->saveFilterAs(QStringLiteral("plain transfers")));
    QVERIFY(!m_panel->saveFilterAs(QStringLiteral("  ")));

    auto *box = m_panel->findChild<QComboBox *>(QStringLiteral("savedFiltersBox"));
    QCOMPARE(box->count(), 2);

    // A fresh panel reads them back from QSettings.
    FilterEditorPanel other;
    QCOMPARE(other.savedFilterNames(),
             (QStringList{QStringLiteral("Whales / 1 ETH+"), QStringLiteral("plain transfers")}));
    QSignalSpy applied(&other, &FilterEditorPanel::applyRequested);
    QVERIFY(other.loadSavedFilter(QStringLiteral("Whales / 1 ETH+")));
    QCOMPARE(other.filter(), first);
    QCOMPARE(other.builder()->filter(), first);
    QCOMPARE(applied.size(), 0);

    // Choosing in the combo loads too.
    box->setFocus();
    box->setCurrentIndex(0);
    emit box->activated(0);
    QCOMPARE(m_panel->filter(), first);

    // Saving under an existing name replaces it; deleting removes it.
    m_panel->setFilter(second);
    QVERIFY(m_panel->saveFilterAs(QStringLiteral("Whales / 1 ETH+")));
    QCOMPARE(m_panel->savedFilterNames().size(), 2);
    QVERIFY(other.loadSavedFilter(QStringLiteral("Whales / 1 ETH+")));
    QCOMPARE(other.filter(), second);
    QVERIFY(m_panel->deleteSavedFilter(QStringLiteral("plain transfers")));
    QVERIFY(!m_panel->deleteSavedFilter(QStringLiteral("plain transfers")));
    QCOMPARE(other.savedFilterNames(), QStringList{QStringLiteral("Whales / 1 ETH+")});
    QCOMPARE(box->count(), 1);
}

void TestFilterEditor::previewDisplay()
{
    m_panel->setPreview(12, 480, {QStringLiteral("blockchain")},
                        {QByteArray(R"({"hash": "0x1",   "value": "5"})"), QByteArray("not json")});
    QCOMPARE(label("previewLabel")->text(),
             QStringLiteral("Preview: would match 12 of 480 received messages."));
    QVERIFY(label("previewWarnings")->isVisible());
    QCOMPARE(label("previewWarnings")->text(),
             QStringLiteral("Never seen in this topic: blockchain"));
    auto *samples = m_panel->findChild<QListWidget *>(QStringLiteral("previewSamples"));
    QCOMPARE(samples->count(), 2);
    QCOMPARE(samples->item(0)->text(), QStringLiteral(R"({"hash":"0x1","value":"5"})"));
    QVERIFY(samples->isVisible());

    m_panel->setPreview(0, 0, {}, {});
    QVERIFY(!label("previewWarnings")->isVisible());
    QVERIFY(!samples->isVisible());
}

void TestFilterEditor::accessibilityAndSize()
{
    m_panel->setFilter(
        Filter::parse(
            QByteArray(
                R"({"op":"AND","conditions":[{"field":"a","operator":"in","value":[1]},)"
                R"({"op":"OR","conditions":[{"field":"b","operator":"exists","value":true}]}]})"))
            .filter);
    TopicPickerWidget picker;
    for (QWidget *root : {static_cast<QWidget *>(m_panel), static_cast<QWidget *>(&picker)}) {
        const QList<QWidget *> widgets = root->findChildren<QWidget *>();
        for (QWidget *widget : widgets) {
            const bool interactive =
                qobject_cast<QAbstractButton *>(widget) || qobject_cast<QComboBox *>(widget) ||
                qobject_cast<QLineEdit *>(widget) || qobject_cast<QPlainTextEdit *>(widget) ||
                qobject_cast<QAbstractItemView *>(widget);
            // A combo box's own line edit and popup list are named through the combo box, a
            // line edit's clear button through the line edit.
            if (!interactive || qobject_cast<QComboBox *>(widget->parentWidget()) ||
                qobject_cast<QLineEdit *>(widget->parentWidget()) ||
                widget->inherits("QComboBoxListView") || widget->inherits("QHeaderView"))
                continue;
            if (qobject_cast<QAbstractItemView *>(widget) && widget->window() != root->window())
                continue; // completer popups
            QVERIFY2(!widget->accessibleName().isEmpty(),
                     qPrintable(QStringLiteral("%1 (%2) has no accessible name")
                                    .arg(widget->objectName(),
                                         QLatin1String(widget->metaObject()->className()))));
        }
    }
    QVERIFY2(m_panel->minimumSizeHint().width() <= 1024,
             qPrintable(QString::number(m_panel->minimumSizeHint().width())));
    QVERIFY(m_panel->minimumSizeHint().height() <= 700);
    QVERIFY(picker.minimumSizeHint().width() <= 500);
}

// Invalid JSON: the preview says so and where, not "no messages received yet" (issue 10, 14).
void TestFilterEditor::invalidJsonPreviewSaysWhere()
{
    replaceText(QStringLiteral(R"({"field": "value", "operator" ">"})"));
    QTRY_VERIFY(!m_panel->isValid());
    const QString text = label("previewLabel")->text();
    QVERIFY2(text.contains(QStringLiteral("JSON is invalid at line 1, column 31")),
             qPrintable(text));
    QVERIFY(!text.contains(QStringLiteral("no messages")));
}

// A topic switch drops the previous topic's counts and asks for a new preview (issue 10, 14).
void TestFilterEditor::topicSwitchForgetsThePreview()
{
    m_panel->setPreview(12, 480, {QStringLiteral("blockchain")}, {QByteArray(R"({"a":1})")});
    QSignalSpy preview(m_panel, &FilterEditorPanel::previewRequested);
    m_panel->setTopic(QStringLiteral("ethereum.blocks"));
    const QString text = label("previewLabel")->text();
    QVERIFY2(!text.contains(QStringLiteral("480")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("ethereum.blocks")), qPrintable(text));
    QVERIFY(!label("previewWarnings")->isVisible());
    QVERIFY(!m_panel->findChild<QListWidget *>(QStringLiteral("previewSamples"))->isVisible());
    QVERIFY(preview.wait(2000));
}

// Only the newest messages are tried: the text says how many of how many (issue 10, 22).
void TestFilterEditor::previewSaysWhatItCovers()
{
    FilterPreviewResult result;
    result.matched = 1204;
    result.total = 2000;
    result.available = 332149;
    m_panel->setPreview(result);
    const QLocale locale;
    QCOMPARE(label("previewLabel")->text(),
             QStringLiteral("Preview: would match %1 of the newest %2 messages (of %3 kept).")
                 .arg(locale.toString(1204), locale.toString(2000), locale.toString(332149)));
}

// At the height the stream panel gives it (~230 px at 1280x800): Apply and Clear in view, the
// builder shows several conditions, an empty builder says what to do, and a preview arriving
// moves nothing (issue 10, item 7).
void TestFilterEditor::roomAtTheStreamPanelsSize()
{
    m_panel->resize(740, 230);
    auto *hint = m_panel->findChild<QLabel *>(QStringLiteral("emptyBuilderHint"));
    QVERIFY(hint);
    QTRY_VERIFY(hint->isVisible());
    QVERIFY(hint->text().contains(QStringLiteral("+ Condition")));

    QList<Filter> conditions;
    for (int i = 0; i < 5; ++i)
        conditions.append(Filter::condition(QStringLiteral("gas_price"), Filter::Operator::Greater,
                                            QJsonValue(i)));
    m_panel->setFilter(Filter::group(Filter::Combinator::And, conditions));
    QTRY_VERIFY(!hint->isVisible());
    QApplication::processEvents();
    for (const char *name : {"applyButton", "clearButton"}) {
        auto *button = m_panel->findChild<QAbstractButton *>(QLatin1String(name));
        const QRect inPanel(button->mapTo(m_panel, QPoint(0, 0)), button->size());
        QVERIFY2(m_panel->rect().contains(inPanel), name);
    }
    QTreeWidget *tree = m_panel->builder()->tree();
    int rowsInView = 0;
    for (int i = 0; i < tree->topLevelItemCount(); ++i) {
        const QRect row = tree->visualItemRect(tree->topLevelItem(i));
        if (tree->viewport()->rect().contains(row))
            ++rowsInView;
    }
    QVERIFY2(rowsInView >= 4, qPrintable(QString::number(rowsInView)));

    const QRect builderBefore = m_panel->builder()->geometry();
    const QRect jsonBefore = jsonEdit()->geometry();
    m_panel->setPreview(3, 40, {QStringLiteral("nope")},
                        {QByteArray(R"({"a":1})"), QByteArray(R"({"a":2})")});
    QApplication::processEvents();
    QCOMPARE(m_panel->builder()->geometry(), builderBefore);
    QCOMPARE(jsonEdit()->geometry(), jsonBefore);
}

// Expand, beside Apply, asks the owner for more room and a second click gives it back.
void TestFilterEditor::expandAsksForRoom()
{
    QSignalSpy expand(m_panel, &FilterEditorPanel::expandToggled);
    auto *button = m_panel->findChild<QPushButton *>(QStringLiteral("expandEditorButton"));
    QVERIFY(button);
    QTest::mouseClick(button, Qt::LeftButton);
    QCOMPARE(expand.size(), 1);
    QCOMPARE(expand.at(0).at(0).toBool(), true);
    QCOMPARE(button->text(), QStringLiteral("Shrink"));
    QTest::mouseClick(button, Qt::LeftButton);
    QCOMPARE(expand.size(), 2);
    QCOMPARE(expand.at(1).at(0).toBool(), false);
}

QTEST_MAIN(TestFilterEditor)
#include "tst_filtereditor.moc"
