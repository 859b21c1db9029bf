// SPDX-License-Identifier: MIT
#include "ui/filter/filterbuilderwidget.h"
#include "ui/filter/filterconditionrow.h"
#include "ui/filter/filtergrouprow.h"
#include "ui/filter/filtervaluetext.h"

#include <QComboBox>
#include <QLineEdit>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QTest>
#include <QToolButton>
#include <QTreeWidget>

using namespace allium;

namespace {

const QString Address = QStringLiteral("0xAbCdEf0123456789aBcDeF0123456789ABCDEF01");

} // namespace

class TestFilterBuilder : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    // Typed values become the JSON types the field calls for; wei stays exact.
    void valueTyping_data();
    void valueTyping();
    // Lists split at commas outside quotes and render back to the same list.
    void listTyping_data();
    void listTyping();
    // A nested filter built with clicks and typing gives exactly the expected JSON.
    void buildNestedFilterByInput();
    // The `in` editor yields an array typed per field; `exists` yields a boolean.
    void inAndExistsEditors();
    // A wei-sized number typed in a number field is sent as an exact string.
    void weiValueStaysExact();
    // setFilter shows the filter in the tree without emitting; filter() returns it unchanged.
    void setFilterRebuildsTree();
    // Remove, move, nest and unnest act on the current row, by button and by shortcut.
    void structureEditing();
    // Live fields join the completion list and set the value type; typed field text survives.
    void liveFields();

private:
    QToolButton *button(const char *name) const;
    FilterConditionRow *conditionRow(const QList<int> &path) const;
    FilterGroupRow *groupRow(const QList<int> &path) const;
    QTreeWidgetItem *item(const QList<int> &path) const;
    void typeCondition(const QList<int> &path, const QString &field, const QString &op,
                       const QString &value);

    FilterBuilderWidget *m_builder = nullptr;
};

void TestFilterBuilder::init()
{
    m_builder = new FilterBuilderWidget;
    m_builder->setTopic(QStringLiteral("ethereum.transactions"));
    m_builder->resize(600, 400);
    m_builder->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_builder));
}

void TestFilterBuilder::cleanup()
{
    delete m_builder;
    m_builder = nullptr;
}

QToolButton *TestFilterBuilder::button(const char *name) const
{
    auto *found = m_builder->findChild<QToolButton *>(QLatin1String(name));
    if (!found)
        qFatal("no button %s", name);
    return found;
}

QTreeWidgetItem *TestFilterBuilder::item(const QList<int> &path) const
{
    QTreeWidget *tree = m_builder->findChild<QTreeWidget *>(QStringLiteral("filterTree"));
    QTreeWidgetItem *found = nullptr;
    for (int index : path)
        found = found ? found->child(index) : tree->topLevelItem(index);
    return found;
}

FilterConditionRow *TestFilterBuilder::conditionRow(const QList<int> &path) const
{
    QTreeWidgetItem *found = item(path);
    return found ? qobject_cast<FilterConditionRow *>(m_builder->tree()->itemWidget(found, 0))
                 : nullptr;
}

FilterGroupRow *TestFilterBuilder::groupRow(const QList<int> &path) const
{
    QTreeWidgetItem *found = item(path);
    return found ? qobject_cast<FilterGroupRow *>(m_builder->tree()->itemWidget(found, 0))
                 : nullptr;
}

// Types into the row's editors the way a user would: field box, operator by keyboard search,
// then the value editor the operator shows.
void TestFilterBuilder::typeCondition(const QList<int> &path, const QString &field,
                                      const QString &op, const QString &value)
{
    FilterConditionRow *row = conditionRow(path);
    QVERIFY(row);
    QComboBox *fieldBox = row->findChild<QComboBox *>(QStringLiteral("fieldBox"));
    QComboBox *operatorBox = row->findChild<QComboBox *>(QStringLiteral("operatorBox"));
    QVERIFY(fieldBox && operatorBox);
    fieldBox->setFocus();
    QTest::keyClicks(fieldBox->lineEdit(), field);
    QTest::keyClick(fieldBox->lineEdit(), Qt::Key_Escape); // close the completion popup
    operatorBox->setFocus();
    QTest::keyClicks(operatorBox, op);
    QCOMPARE(operatorBox->currentText(), op);
    if (op == QLatin1String("exists")) {
        QComboBox *exists = row->findChild<QComboBox *>(QStringLiteral("existsBox"));
        QVERIFY(exists->isVisible());
        exists->setFocus();
        QTest::keyClicks(exists, value);
        return;
    }
    QLineEdit *edit = row->findChild<QLineEdit *>(
        op == QLatin1String("in") ? QStringLiteral("listEdit") : QStringLiteral("valueEdit"));
    QVERIFY(edit->isVisible());
    edit->setFocus();
    QTest::keyClicks(edit, value);
    QTest::keyClick(edit, Qt::Key_Tab);
}

void TestFilterBuilder::valueTyping_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<FieldType>("type");
    QTest::addColumn<QJsonValue>("value");
    QTest::newRow("number") << "18000000" << FieldType::Number << QJsonValue(18000000);
    QTest::newRow("2^53 exact") << "9007199254740992" << FieldType::Number
                                << QJsonValue(9007199254740992.0);
    QTest::newRow("2^53+1 string") << "9007199254740993" << FieldType::Number
                                   << QJsonValue(QStringLiteral("9007199254740993"));
    QTest::newRow("wei in number field") << "1000000000000000000000" << FieldType::Number
                                         << QJsonValue(QStringLiteral("1000000000000000000000"));
    QTest::newRow("decimal") << "0.25" << FieldType::Number << QJsonValue(0.25);
    QTest::newRow("numeric string stays string")
        << "30" << FieldType::NumericString << QJsonValue(QStringLiteral("30"));
    QTest::newRow("hex lower-cased") << Address << FieldType::Hex << QJsonValue(Address.toLower());
    QTest::newRow("unknown hex lower-cased")
        << Address << FieldType::Unknown << QJsonValue(Address.toLower());
    QTest::newRow("solana kept") << "So11111111111111111111111111111111111111112"
                                 << FieldType::String
                                 << QJsonValue(QStringLiteral(
                                        "So11111111111111111111111111111111111111112"));
    QTest::newRow("unknown number") << "42" << FieldType::Unknown << QJsonValue(42);
    QTest::newRow("unknown bool") << "true" << FieldType::Unknown << QJsonValue(true);
    QTest::newRow("unknown text") << "ETH" << FieldType::Unknown
                                  << QJsonValue(QStringLiteral("ETH"));
    QTest::newRow("quoted forces string")
        << "\"42\"" << FieldType::Unknown << QJsonValue(QStringLiteral("42"));
    QTest::newRow("string field number text")
        << "42" << FieldType::String << QJsonValue(QStringLiteral("42"));
    QTest::newRow("boolean") << "false" << FieldType::Boolean << QJsonValue(false);
    QTest::newRow("iso timestamp") << "2024-01-01T00:00:00Z" << FieldType::Timestamp
                                   << QJsonValue(QStringLiteral("2024-01-01T00:00:00Z"));
    QTest::newRow("epoch timestamp")
        << "1753284680334" << FieldType::Timestamp << QJsonValue(1753284680334.0);
}

void TestFilterBuilder::valueTyping()
{
    QFETCH(QString, text);
    QFETCH(FieldType, type);
    QFETCH(QJsonValue, value);
    QCOMPARE(FilterValueText::fromText(text, type), value);
    // What the editor shows for the value reads back as the same value.
    QCOMPARE(FilterValueText::fromText(FilterValueText::toText(value, type), type), value);
}

void TestFilterBuilder::listTyping_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<FieldType>("type");
    QTest::addColumn<QJsonValue>("array");
    QTest::newRow("mixed unknown")
        << "1, 2,x" << FieldType::Unknown << QJsonValue(QJsonArray{1, 2, QStringLiteral("x")});
    QTest::newRow("new lines") << "a\nb\n\n"
                               << FieldType::String
                               << QJsonValue(QJsonArray{QStringLiteral("a"), QStringLiteral("b")});
    QTest::newRow("quoted comma") << "\"a,b\", c" << FieldType::String
                                  << QJsonValue(
                                         QJsonArray{QStringLiteral("a,b"), QStringLiteral("c")});
    QTest::newRow("numeric strings")
        << "1, 2" << FieldType::NumericString
        << QJsonValue(QJsonArray{QStringLiteral("1"), QStringLiteral("2")});
}

void TestFilterBuilder::listTyping()
{
    QFETCH(QString, text);
    QFETCH(FieldType, type);
    QFETCH(QJsonValue, array);
    QCOMPARE(FilterValueText::listFromText(text, type), array);
    QCOMPARE(FilterValueText::listFromText(FilterValueText::listToText(array, type), type), array);
}

void TestFilterBuilder::buildNestedFilterByInput()
{
    QSignalSpy changed(m_builder, &FilterBuilderWidget::filterChanged);
    QVERIFY(m_builder->filter().isEmpty());

    QTest::mouseClick(button("addConditionButton"), Qt::LeftButton);
    typeCondition({0}, QStringLiteral("block_number"), QStringLiteral(">="),
                  QStringLiteral("18000000"));
    QCOMPARE(m_builder->filter().toJsonText(),
             QByteArray(R"({"field":"block_number","operator":">=","value":18000000})"));

    // Add a group after the condition (the condition row is current), make it OR.
    conditionRow({0})->findChild<QComboBox *>(QStringLiteral("fieldBox"))->setFocus();
    QTest::mouseClick(button("addGroupButton"), Qt::LeftButton);
    QVERIFY(groupRow({1}));
    QVERIFY(conditionRow({1, 0}));
    QComboBox *combinator = groupRow({1})->findChild<QComboBox *>(QStringLiteral("combinatorBox"));
    combinator->setFocus();
    QTest::keyClicks(combinator, QStringLiteral("O"));
    QCOMPARE(combinator->currentText(), QStringLiteral("OR: any of"));

    typeCondition({1, 0}, QStringLiteral("from_address"), QStringLiteral("="), Address);
    // With the group's first condition current, a new condition lands after it in the group.
    conditionRow({1, 0})->findChild<QComboBox *>(QStringLiteral("fieldBox"))->setFocus();
    QTest::mouseClick(button("addConditionButton"), Qt::LeftButton);
    typeCondition({1, 1}, QStringLiteral("value"), QStringLiteral(">"),
                  QStringLiteral("1000000000000000000000"));

    const QByteArray expected =
        R"({"op":"AND","conditions":[{"field":"block_number","operator":">=","value":18000000},)"
        R"({"op":"OR","conditions":[{"field":"from_address","operator":"=","value":)"
        R"("0xabcdef0123456789abcdef0123456789abcdef01"},)"
        R"({"field":"value","operator":">","value":"1000000000000000000000"}]}]})";
    QVERIFY(!changed.isEmpty());
    QCOMPARE(changed.last().at(0).value<Filter>().toJsonText(), expected);
    QCOMPARE(m_builder->filter().toJsonText(), expected);
    QVERIFY(m_builder->filter().validationError().isEmpty());
    // The address is shown lower-cased once editing finished.
    QCOMPARE(conditionRow({1, 0})->findChild<QLineEdit *>(QStringLiteral("valueEdit"))->text(),
             Address.toLower());
}

void TestFilterBuilder::inAndExistsEditors()
{
    QTest::mouseClick(button("addConditionButton"), Qt::LeftButton);
    typeCondition({0}, QStringLiteral("to_address"), QStringLiteral("in"),
                  Address + QStringLiteral(", 0x00000000000000000000000000000000000000aa"));
    QTest::mouseClick(button("addConditionButton"), Qt::LeftButton);
    typeCondition({1}, QStringLiteral("gas_price"), QStringLiteral("in"), QStringLiteral("30, 40"));
    QTest::mouseClick(button("addConditionButton"), Qt::LeftButton);
    typeCondition({2}, QStringLiteral("value"), QStringLiteral("in"), QStringLiteral("1, 2"));
    QTest::mouseClick(button("addConditionButton"), Qt::LeftButton);
    typeCondition({3}, QStringLiteral("receipt_contract_address"), QStringLiteral("exists"),
                  QStringLiteral("f"));

    const QList<Filter> conditions = m_builder->filter().children();
    QCOMPARE(conditions.size(), 4);
    QCOMPARE(conditions.at(0).value(),
             QJsonValue(QJsonArray{Address.toLower(),
                                   QStringLiteral("0x00000000000000000000000000000000000000aa")}));
    QCOMPARE(conditions.at(1).value(), QJsonValue(QJsonArray{30, 40}));
    QCOMPARE(conditions.at(2).value(),
             QJsonValue(QJsonArray{QStringLiteral("1"), QStringLiteral("2")}));
    QCOMPARE(conditions.at(3).op(), Filter::Operator::Exists);
    QCOMPARE(conditions.at(3).value(), QJsonValue(false));

    // Switching `in` back to `=` keeps the first item.
    QComboBox *op = conditionRow({1})->findChild<QComboBox *>(QStringLiteral("operatorBox"));
    op->setFocus();
    QTest::keyClicks(op, QStringLiteral("="));
    QCOMPARE(m_builder->filter().children().at(1).value(), QJsonValue(30));
}

void TestFilterBuilder::weiValueStaysExact()
{
    QTest::mouseClick(button("addConditionButton"), Qt::LeftButton);
    typeCondition({0}, QStringLiteral("gas_price"), QStringLiteral("<"),
                  QStringLiteral("123456789012345678901234567890"));
    QCOMPARE(m_builder->filter().value(),
             QJsonValue(QStringLiteral("123456789012345678901234567890")));
    // The number field's validator refuses letters.
    QLineEdit *edit = conditionRow({0})->findChild<QLineEdit *>(QStringLiteral("valueEdit"));
    QTest::keyClicks(edit, QStringLiteral("abc"));
    QCOMPARE(edit->text(), QStringLiteral("123456789012345678901234567890"));
}

void TestFilterBuilder::setFilterRebuildsTree()
{
    QSignalSpy changed(m_builder, &FilterBuilderWidget::filterChanged);
    const Filter filter =
        Filter::parse(
            QByteArray(
                R"({"op":"OR","conditions":[{"field":"value","operator":">","value":5},)"
                R"({"op":"AND","conditions":[{"field":"to_address","operator":"in","value":["0xab"]},)"
                R"({"field":"input","operator":"exists","value":false}]}]})"))
            .filter;
    QVERIFY(!filter.isEmpty());
    m_builder->setFilter(filter);
    QCOMPARE(changed.size(), 0);
    QCOMPARE(m_builder->filter(), filter);
    // A number in a numeric-string field keeps its type while not edited.
    QCOMPARE(m_builder->filter().children().at(0).value(), QJsonValue(5));

    QCOMPARE(m_builder->findChild<QComboBox *>(QStringLiteral("rootCombinatorBox"))->currentText(),
             QStringLiteral("any (OR)"));
    FilterConditionRow *first = conditionRow({0});
    QCOMPARE(first->findChild<QComboBox *>(QStringLiteral("fieldBox"))->currentText(),
             QStringLiteral("value"));
    QCOMPARE(first->findChild<QComboBox *>(QStringLiteral("operatorBox"))->currentText(),
             QStringLiteral(">"));
    QCOMPARE(first->findChild<QLineEdit *>(QStringLiteral("valueEdit"))->text(),
             QStringLiteral("5"));
    QVERIFY(groupRow({1}));
    QCOMPARE(conditionRow({1, 0})->findChild<QLineEdit *>(QStringLiteral("listEdit"))->text(),
             QStringLiteral("0xab"));
    QCOMPARE(conditionRow({1, 1})
                 ->findChild<QComboBox *>(QStringLiteral("existsBox"))
                 ->currentData()
                 .toBool(),
             false);
    // Switching the loaded `exists` to `=` starts from the empty text, not the old boolean.
    QComboBox *op = conditionRow({1, 1})->findChild<QComboBox *>(QStringLiteral("operatorBox"));
    op->setFocus();
    QTest::keyClicks(op, QStringLiteral("="));
    QCOMPARE(m_builder->filter().children().at(1).children().at(1).value(), QJsonValue(QString()));

    const Filter single = Filter::condition(QStringLiteral("hash"), Filter::Operator::Equal,
                                            QJsonValue(QStringLiteral("0x1")));
    m_builder->setFilter(single);
    QCOMPARE(m_builder->filter(), single);
    m_builder->setFilter(Filter());
    QVERIFY(m_builder->filter().isEmpty());
    QCOMPARE(m_builder->tree()->topLevelItemCount(), 0);
}

void TestFilterBuilder::structureEditing()
{
    auto field = [](const Filter &node) { return node.field(); };
    m_builder->setFilter(
        Filter::parse(
            QByteArray(R"({"op":"AND","conditions":[{"field":"a","operator":"=","value":1},)"
                       R"({"field":"b","operator":"=","value":2},)"
                       R"({"field":"c","operator":"=","value":3}]})"))
            .filter);
    QSignalSpy changed(m_builder, &FilterBuilderWidget::filterChanged);

    // Focus in row "b" makes it current; Up moves it first.
    conditionRow({1})->findChild<QComboBox *>(QStringLiteral("fieldBox"))->setFocus();
    QTRY_COMPARE(m_builder->tree()->currentItem(), item({1}));
    QTest::mouseClick(button("moveUpButton"), Qt::LeftButton);
    QCOMPARE(field(m_builder->filter().children().at(0)), QStringLiteral("b"));
    QCOMPARE(changed.size(), 1);

    // Ctrl+] on "b" (now first) wraps it into a new group.
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_BracketRight, Qt::ControlModifier);
    QCOMPARE(m_builder->filter().children().at(0).kind(), Filter::Kind::Group);
    QVERIFY(conditionRow({0, 0}));

    // "a" (second) nests into the group above it.
    conditionRow({1})->findChild<QComboBox *>(QStringLiteral("fieldBox"))->setFocus();
    QTest::mouseClick(button("indentButton"), Qt::LeftButton);
    QCOMPARE(m_builder->filter().toJsonText(),
             QByteArray(R"({"op":"AND","conditions":[{"op":"AND","conditions":[)"
                        R"({"field":"b","operator":"=","value":2},)"
                        R"({"field":"a","operator":"=","value":1}]},)"
                        R"({"field":"c","operator":"=","value":3}]})"));

    // Unnest "a" again; then "b": its emptied group disappears.
    QCOMPARE(m_builder->tree()->currentItem(), item({0, 1}));
    QTest::mouseClick(button("outdentButton"), Qt::LeftButton);
    conditionRow({0, 0})->findChild<QComboBox *>(QStringLiteral("fieldBox"))->setFocus();
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_BracketLeft, Qt::ControlModifier);
    QCOMPARE(m_builder->filter().toJsonText(),
             QByteArray(R"({"op":"AND","conditions":[{"field":"b","operator":"=","value":2},)"
                        R"({"field":"a","operator":"=","value":1},)"
                        R"({"field":"c","operator":"=","value":3}]})"));

    // Remove "b" with the button; "a" becomes current.
    QCOMPARE(m_builder->tree()->currentItem(), item({0}));
    QTest::mouseClick(button("removeButton"), Qt::LeftButton);
    QCOMPARE(m_builder->filter().children().size(), 2);
    QCOMPARE(field(m_builder->filter().children().at(0)), QStringLiteral("a"));
    QVERIFY(!button("moveUpButton")->isEnabled());
    QVERIFY(!button("outdentButton")->isEnabled());
}

void TestFilterBuilder::liveFields()
{
    QTest::mouseClick(button("addConditionButton"), Qt::LeftButton);
    QComboBox *fieldBox = conditionRow({0})->findChild<QComboBox *>(QStringLiteral("fieldBox"));
    QTest::keyClicks(fieldBox->lineEdit(), QStringLiteral("chain_tag"));
    QCOMPARE(fieldBox->findText(QStringLiteral("chain_tag")), -1);

    m_builder->setLiveFields({TopicField{QStringLiteral("chain_tag"), FieldType::String, 1.0},
                              TopicField{QStringLiteral("value"), FieldType::Number, 0.9}});
    QCOMPARE(fieldBox->currentText(), QStringLiteral("chain_tag"));
    QVERIFY(fieldBox->findText(QStringLiteral("chain_tag")) >= 0);
    QVERIFY(fieldBox->findText(QStringLiteral("from_address")) >= 0);
    QCOMPARE(m_builder->fieldType(QStringLiteral("value")), FieldType::Number);
    QCOMPARE(m_builder->fieldType(QStringLiteral("chain_tag")), FieldType::String);

    // A string field keeps digits as text.
    QLineEdit *edit = conditionRow({0})->findChild<QLineEdit *>(QStringLiteral("valueEdit"));
    QTest::keyClicks(edit, QStringLiteral("1"));
    QCOMPARE(m_builder->filter().value(), QJsonValue(QStringLiteral("1")));
}

QTEST_MAIN(TestFilterBuilder)
#include "tst_filterbuilder.moc"
