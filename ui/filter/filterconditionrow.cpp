// SPDX-License-Identifier: MIT
#include "ui/filter/filterconditionrow.h"

#include "ui/filter/filtervaluetext.h"
#include "ui/text/plaintooltipfilter.h"

#include <QComboBox>
#include <QCompleter>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QRegularExpressionValidator>
#include <QStackedWidget>
#include <QStandardItemModel>

namespace allium {

namespace {

constexpr Filter::Operator Operators[] = {
    Filter::Operator::Equal,   Filter::Operator::NotEqual,
    Filter::Operator::Greater, Filter::Operator::GreaterOrEqual,
    Filter::Operator::Less,    Filter::Operator::LessOrEqual,
    Filter::Operator::In,      Filter::Operator::Exists,
};

QString operatorHelp(Filter::Operator op)
{
    switch (op) {
    case Filter::Operator::Equal:
        return QObject::tr("equals");
    case Filter::Operator::NotEqual:
        return QObject::tr("does not equal");
    case Filter::Operator::Greater:
        return QObject::tr("greater than");
    case Filter::Operator::GreaterOrEqual:
        return QObject::tr("greater than or equal to");
    case Filter::Operator::Less:
        return QObject::tr("less than");
    case Filter::Operator::LessOrEqual:
        return QObject::tr("less than or equal to");
    case Filter::Operator::In:
        return QObject::tr("is one of a list");
    case Filter::Operator::Exists:
        return QObject::tr("is present (true) or missing (false)");
    }
    return QString();
}

enum EditorPage { ScalarPage, ListPage, ExistsPage };

void replaceValidator(QLineEdit *edit, const QValidator *validator)
{
    const QValidator *old = edit->validator();
    if (old == validator)
        return;
    edit->setValidator(validator);
    delete old;
}

} // namespace

FilterConditionRow::FilterConditionRow(QStandardItemModel *fields, QWidget *parent)
    : QWidget(parent)
    , m_fields(fields)
    , m_field(new QComboBox(this))
    , m_operator(new QComboBox(this))
    , m_valueStack(new QStackedWidget(this))
    , m_value(new QLineEdit(m_valueStack))
    , m_list(new QLineEdit(m_valueStack))
    , m_exists(new QComboBox(m_valueStack))
{
    m_field->setObjectName(QStringLiteral("fieldBox"));
    m_field->setEditable(true);
    m_field->setInsertPolicy(QComboBox::NoInsert);
    m_field->setModel(m_fields);
    m_field->setMinimumContentsLength(10);
    m_field->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_field->lineEdit()->setPlaceholderText(tr("field.path"));
    m_field->setToolTip(tr("Field path in the message, dots for nested objects "
                           "(payload.coin). Completes from the topic's known fields and the "
                           "fields seen in received messages."));
    auto *completer = new QCompleter(m_fields, m_field);
    completer->setCaseSensitivity(Qt::CaseInsensitive);
    completer->setFilterMode(Qt::MatchContains);
    completer->setCompletionMode(QCompleter::PopupCompletion);
    m_field->setCompleter(completer);
    // Field names come from received messages: their tooltips show literally.
    PlainToolTipFilter::install(m_field->view());
    PlainToolTipFilter::install(completer->popup());

    m_operator->setObjectName(QStringLiteral("operatorBox"));
    for (Filter::Operator op : Operators) {
        m_operator->addItem(Filter::operatorText(op), int(op));
        m_operator->setItemData(m_operator->count() - 1, operatorHelp(op), Qt::ToolTipRole);
    }
    m_operator->setToolTip(tr("Comparison: = != > >= < <= compare with the value, in matches any "
                              "item of a list, exists tests presence"));
    m_operator->setSizeAdjustPolicy(QComboBox::AdjustToContents);

    m_value->setObjectName(QStringLiteral("valueEdit"));
    m_value->setPlaceholderText(tr("value"));
    m_value->setToolTip(tr("Numbers stay numbers (exact strings beyond 2^53 and for wei "
                           "fields). Put text in \"double quotes\" to force a string."));
    m_list->setObjectName(QStringLiteral("listEdit"));
    m_list->setPlaceholderText(tr("a, b, c"));
    m_list->setToolTip(tr("Values separated by commas; \"quote\" items that contain commas"));
    m_exists->setObjectName(QStringLiteral("existsBox"));
    m_exists->addItem(tr("true (present)"), true);
    m_exists->addItem(tr("false (missing)"), false);
    m_exists->setToolTip(tr("true: the field is present and not null; false: it is missing"));
    m_valueStack->addWidget(m_value);
    m_valueStack->addWidget(m_list);
    m_valueStack->addWidget(m_exists);
    // The stack is as tall as its current page, not its tallest one.
    m_valueStack->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(2, 1, 2, 1);
    layout->addWidget(m_field, 3);
    layout->addWidget(m_operator);
    layout->addWidget(m_valueStack, 4);
    setTabOrder(m_field, m_operator);
    setTabOrder(m_operator, m_value);
    setTabOrder(m_value, m_list);
    setTabOrder(m_list, m_exists);
    setPositionLabel(QString());

    connect(m_field, &QComboBox::editTextChanged, this,
            &FilterConditionRow::handleFieldTextChanged);
    connect(m_operator, &QComboBox::currentIndexChanged, this,
            &FilterConditionRow::handleOperatorChanged);
    connect(m_value, &QLineEdit::textChanged, this, &FilterConditionRow::handleValueEdited);
    connect(m_list, &QLineEdit::textChanged, this, &FilterConditionRow::handleValueEdited);
    connect(m_exists, &QComboBox::currentIndexChanged, this,
            &FilterConditionRow::handleValueEdited);
    connect(m_value, &QLineEdit::editingFinished, this, &FilterConditionRow::normalizeValueText);
    connect(m_list, &QLineEdit::editingFinished, this, &FilterConditionRow::normalizeValueText);
}

void FilterConditionRow::setCondition(const Filter &condition)
{
    m_loading = true;
    m_fieldText = condition.field();
    m_field->setEditText(m_fieldText);
    m_operator->setCurrentIndex(m_operator->findData(int(condition.op())));
    m_previousOperator = condition.op();
    updateEditorForOperator();
    updateValidators();
    const FieldType type = fieldType();
    m_loadedValue = condition.value();
    m_loadedPage = m_valueStack->currentIndex();
    switch (condition.op()) {
    case Filter::Operator::In:
        m_loadedText = FilterValueText::listToText(m_loadedValue, type);
        m_list->setText(m_loadedText);
        m_list->setCursorPosition(0);
        break;
    case Filter::Operator::Exists:
        m_exists->setCurrentIndex(m_loadedValue.isBool() && !m_loadedValue.toBool() ? 1 : 0);
        m_loadedText.clear();
        break;
    default:
        m_loadedText = FilterValueText::toText(m_loadedValue, type);
        m_value->setText(m_loadedText);
        // Show the start of long values (addresses), not their tail.
        m_value->setCursorPosition(0);
        break;
    }
    m_loading = false;
}

Filter FilterConditionRow::condition() const
{
    return Filter::condition(m_fieldText.trimmed(), currentOperator(), currentValue());
}

Filter::Operator FilterConditionRow::currentOperator() const
{
    return Filter::Operator(m_operator->currentData().toInt());
}

QJsonValue FilterConditionRow::currentValue() const
{
    const FieldType type = fieldType();
    const bool unchanged = m_valueStack->currentIndex() == m_loadedPage;
    switch (currentOperator()) {
    case Filter::Operator::In:
        if (unchanged && m_list->text() == m_loadedText)
            return m_loadedValue;
        return FilterValueText::listFromText(m_list->text(), type);
    case Filter::Operator::Exists:
        return QJsonValue(m_exists->currentData().toBool());
    default:
        if (unchanged && m_value->text() == m_loadedText)
            return m_loadedValue;
        return FilterValueText::fromText(m_value->text(), type);
    }
}

void FilterConditionRow::setPositionLabel(const QString &label)
{
    const QString prefix = label.isEmpty() ? tr("Condition") : tr("Condition %1").arg(label);
    m_field->setAccessibleName(tr("%1 field").arg(prefix));
    m_operator->setAccessibleName(tr("%1 operator").arg(prefix));
    m_value->setAccessibleName(tr("%1 value").arg(prefix));
    m_list->setAccessibleName(tr("%1 list of values").arg(prefix));
    m_exists->setAccessibleName(tr("%1 present or missing").arg(prefix));
}

void FilterConditionRow::focusFirst()
{
    m_field->setFocus(Qt::OtherFocusReason);
}

void FilterConditionRow::restoreFieldText()
{
    const bool wasLoading = m_loading;
    m_loading = true;
    m_field->setEditText(m_fieldText);
    m_loading = wasLoading;
    updateValidators();
}

FieldType FilterConditionRow::fieldType() const
{
    const QString path = m_fieldText.trimmed();
    for (int row = 0; row < m_fields->rowCount(); ++row) {
        const QStandardItem *item = m_fields->item(row);
        if (item->text() == path)
            return FieldType(item->data(FieldTypeRole).toInt());
    }
    return FieldType::Unknown;
}

void FilterConditionRow::handleFieldTextChanged(const QString &text)
{
    if (m_loading)
        return;
    m_fieldText = text;
    updateValidators();
    emit edited();
}

void FilterConditionRow::handleOperatorChanged()
{
    if (m_loading)
        return;
    const Filter::Operator op = currentOperator();
    const bool wasList = m_previousOperator == Filter::Operator::In;
    const bool isList = op == Filter::Operator::In;
    // Carry what was typed over to the new editor, so switching = to in keeps the value.
    m_loading = true;
    if (!wasList && isList && m_list->text().isEmpty())
        m_list->setText(m_value->text());
    else if (wasList && !isList && op != Filter::Operator::Exists && m_value->text().isEmpty())
        m_value->setText(m_list->text().section(QLatin1Char(','), 0, 0).trimmed());
    m_loading = false;
    m_previousOperator = op;
    updateEditorForOperator();
    emit edited();
}

void FilterConditionRow::handleValueEdited()
{
    if (!m_loading)
        emit edited();
}

void FilterConditionRow::normalizeValueText()
{
    // Show what will be sent: lower-case hex, numbers as the JSON will carry them.
    const FieldType type = fieldType();
    if (currentOperator() == Filter::Operator::In) {
        const QString text = FilterValueText::listToText(currentValue(), type);
        if (text != m_list->text())
            m_list->setText(text);
    } else if (currentOperator() != Filter::Operator::Exists) {
        const QString text = FilterValueText::toText(currentValue(), type);
        if (text != m_value->text() && !m_value->text().trimmed().isEmpty())
            m_value->setText(text);
    }
}

void FilterConditionRow::updateEditorForOperator()
{
    switch (currentOperator()) {
    case Filter::Operator::In:
        m_valueStack->setCurrentIndex(ListPage);
        break;
    case Filter::Operator::Exists:
        m_valueStack->setCurrentIndex(ExistsPage);
        break;
    default:
        m_valueStack->setCurrentIndex(ScalarPage);
        break;
    }
    const bool hadFocus = m_valueStack->hasFocus() || m_value->hasFocus() || m_list->hasFocus() ||
                          m_exists->hasFocus();
    if (hadFocus)
        m_valueStack->currentWidget()->setFocus();
}

void FilterConditionRow::updateValidators()
{
    // Numeric fields accept integers of any size (wei) and decimals; nothing else can be typed.
    static const QRegularExpression number(
        QStringLiteral("-?[0-9]*\\.?[0-9]*(?:[eE][-+]?[0-9]*)?"));
    static const QRegularExpression numericString(QStringLiteral("-?[0-9]*\\.?[0-9]*"));
    static const QRegularExpression numberList(QStringLiteral("[-0-9.eE+,\\s]*"));
    static const QRegularExpression numericStringList(QStringLiteral("[-0-9.,\\s]*"));
    const FieldType type = fieldType();
    const QRegularExpression *scalar = nullptr;
    const QRegularExpression *list = nullptr;
    if (type == FieldType::Number) {
        scalar = &number;
        list = &numberList;
    } else if (type == FieldType::NumericString) {
        scalar = &numericString;
        list = &numericStringList;
    }
    auto apply = [this](QLineEdit *edit, const QRegularExpression *pattern) {
        // Text typed before the field was chosen stays editable: keep no validator it fails.
        if (!pattern || !QRegularExpression(QRegularExpression::anchoredPattern(pattern->pattern()))
                             .match(edit->text())
                             .hasMatch()) {
            replaceValidator(edit, nullptr);
            return;
        }
        auto *validator = qobject_cast<const QRegularExpressionValidator *>(edit->validator());
        if (validator && validator->regularExpression() == *pattern)
            return;
        replaceValidator(edit, new QRegularExpressionValidator(*pattern, edit));
    };
    apply(m_value, scalar);
    apply(m_list, list);
}

} // namespace allium
