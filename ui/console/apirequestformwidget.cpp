// SPDX-License-Identifier: MIT
#include "ui/console/apirequestformwidget.h"

#include "ui/text/plainlabel.h"
#include "ui/text/plaintext.h"

#include <QComboBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>

namespace allium {

namespace {

QString compactDefault(const QJsonValue &value)
{
    if (value.isString())
        return value.toString();
    if (value.isDouble())
        return QString::number(value.toDouble(), 'g', 15);
    if (value.isBool())
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    return {};
}

QString numberText(double n)
{
    return QString::number(n, 'g', 15);
}

// Everything the catalogue says about a field, for its tooltip.
QString describe(const ApiParameter &p, const QString &method)
{
    QStringList lines{QStringLiteral("%1: %2").arg(p.name, p.description)};
    QString kind = apiParameterTypeName(p.type);
    if (p.hasMinimum() && p.hasMaximum())
        kind += QStringLiteral(", %1 to %2").arg(numberText(p.minimum), numberText(p.maximum));
    else if (p.hasMinimum())
        kind += QStringLiteral(", at least %1").arg(numberText(p.minimum));
    else if (p.hasMaximum())
        kind += QStringLiteral(", at most %1").arg(numberText(p.maximum));
    lines << kind;
    if (p.required)
        lines << QStringLiteral("Required");
    else if (!p.requiredWhenField.isEmpty())
        lines << QStringLiteral("Required when %1 is %2")
                     .arg(p.requiredWhenField, p.requiredWhenValue);
    if (!p.defaultValue.isUndefined())
        lines << QStringLiteral("Default: %1").arg(compactDefault(p.defaultValue));
    if (p.place == ApiParameterPlace::Query && method != QLatin1String("GET"))
        lines << QStringLiteral("Sent in the path's query string");
    return lines.join(QLatin1Char('\n'));
}

QString labelText(const ApiParameter &p)
{
    if (p.required)
        return p.name + QStringLiteral(" *");
    if (!p.requiredWhenField.isEmpty())
        return p.name + QStringLiteral(" (*)");
    return p.name;
}

QString placeholder(const ApiParameter &p)
{
    if (!p.defaultValue.isUndefined())
        return QStringLiteral("default: %1").arg(compactDefault(p.defaultValue));
    if (p.hasMinimum() && p.hasMaximum())
        return QStringLiteral("%1, %2 to %3")
            .arg(apiParameterTypeName(p.type), numberText(p.minimum), numberText(p.maximum));
    // The one line of documentation says more than the type ("Start, ISO-8601 UTC").
    return p.description.isEmpty() ? apiParameterTypeName(p.type) : p.description;
}

} // namespace

ApiRequestFormWidget::ApiRequestFormWidget(QWidget *parent)
    : QWidget(parent)
    , m_fields(new QFormLayout)
    , m_fieldsBox(new QWidget)
    , m_inputsBox(new QGroupBox)
    , m_inputsGrid(new QGridLayout)
    , m_addInput(new QPushButton(QStringLiteral("Add input")))
    , m_notes(new PlainLabel)
    , m_empty(new PlainLabel)
{
    setObjectName(QStringLiteral("requestForm"));
    setAccessibleName(QStringLiteral("Request form"));
    m_fieldsBox->setLayout(m_fields);
    m_fields->setContentsMargins(0, 0, 0, 0);
    m_fields->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);

    m_inputsBox->setObjectName(QStringLiteral("inputsBox"));
    auto *inputsLayout = new QVBoxLayout(m_inputsBox);
    inputsLayout->addLayout(m_inputsGrid);
    m_addInput->setObjectName(QStringLiteral("addInputButton"));
    m_addInput->setToolTip(QStringLiteral("Add one more input to the batch"));
    connect(m_addInput, &QPushButton::clicked, this, [this] {
        if (m_form && m_form->addInput()) {
            rebuildInputs();
            publish();
        }
    });
    inputsLayout->addWidget(m_addInput, 0, Qt::AlignLeft);

    m_notes->setObjectName(QStringLiteral("formNotes"));
    m_notes->setAccessibleName(QStringLiteral("What the form does not show"));
    m_notes->setWordWrap(true);
    m_notes->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_notes->hide();
    m_empty->setObjectName(QStringLiteral("formEmpty"));
    m_empty->setWordWrap(true);
    m_empty->setText(QStringLiteral("No form: pick a documented endpoint (Endpoints) or write "
                                    "the body as JSON."));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_empty);
    layout->addWidget(m_notes);
    layout->addWidget(m_fieldsBox);
    layout->addWidget(m_inputsBox);
    layout->addStretch(1);
    setEndpoint(nullptr);
}

QWidget *ApiRequestFormWidget::makeEditor(const ApiParameter &p, const QString &objectName,
                                          const std::function<void(const QString &)> &onEdit)
{
    const QString tip = describe(p, m_endpoint ? m_endpoint->method : QString());
    if (p.type == ApiParameterType::Enum || p.type == ApiParameterType::Boolean) {
        auto *combo = new QComboBox;
        combo->setObjectName(objectName);
        combo->setAccessibleName(p.name);
        combo->setToolTip(tip);
        // The first entry leaves the field out; its text says what the server then assumes.
        combo->addItem(p.defaultValue.isUndefined()
                           ? QStringLiteral("(not set)")
                           : QStringLiteral("(default: %1)").arg(compactDefault(p.defaultValue)),
                       QString());
        const QStringList choices =
            p.type == ApiParameterType::Boolean
                ? QStringList{QStringLiteral("true"), QStringLiteral("false")}
                : p.choices;
        for (const QString &choice : choices)
            combo->addItem(choice, choice);
        combo->setProperty("documentedCount", combo->count());
        connect(combo, &QComboBox::activated, this,
                [combo, onEdit](int index) { onEdit(combo->itemData(index).toString()); });
        return combo;
    }
    auto *edit = new QLineEdit;
    edit->setObjectName(objectName);
    edit->setAccessibleName(p.name);
    edit->setToolTip(tip);
    edit->setPlaceholderText(placeholder(p));
    connect(edit, &QLineEdit::textEdited, this, onEdit);
    return edit;
}

void ApiRequestFormWidget::showValue(QWidget *editor, const QString &text, bool exact)
{
    if (auto *combo = qobject_cast<QComboBox *>(editor)) {
        // Only the value shown now gets an entry of its own: text typed into the JSON one
        // letter at a time must not leave an entry per letter.
        const int documented = combo->property("documentedCount").toInt();
        while (combo->count() > documented)
            combo->removeItem(documented);
        int index = combo->findData(text);
        if (index < 0) {
            // A value the documentation does not list is shown (the validator names it), never
            // dropped.
            combo->addItem(PlainText::bounded(text, 80), text);
            index = combo->count() - 1;
        }
        combo->setCurrentIndex(index);
    } else if (auto *edit = qobject_cast<QLineEdit *>(editor)) {
        if (edit->text() != text) {
            edit->setText(text);
            edit->setCursorPosition(0); // the start of a long address, not its end
        }
    }
    // A value the field cannot hold exactly is flagged where it is, and in the notes.
    if (editor->property("inexact").toBool() != !exact) {
        editor->setProperty("inexact", !exact);
        editor->setStyleSheet(exact ? QString() : QStringLiteral("font-style: italic;"));
    }
}

void ApiRequestFormWidget::setEndpoint(const ApiEndpoint *endpoint)
{
    m_endpoint = endpoint;
    while (m_fields->rowCount() > 0)
        m_fields->removeRow(0);
    m_fieldEditors.clear();
    m_shownInputs = -1;
    m_form.reset();
    if (endpoint) {
        m_form.emplace(*endpoint);
        for (const ApiParameter &p : endpoint->parameters) {
            const QString name = p.name;
            QWidget *editor =
                makeEditor(p, QStringLiteral("field_") + name,
                           [this, name](const QString &text) { fieldEdited(name, text); });
            auto *label = new QLabel(labelText(p));
            label->setBuddy(editor);
            label->setToolTip(editor->toolTip());
            m_fields->addRow(label, editor);
            m_fieldEditors.insert(name, editor);
        }
        m_inputsBox->setTitle(
            endpoint->batchField.isEmpty()
                ? QStringLiteral("Inputs (the body's array, at most %1)").arg(endpoint->maxBatch)
                : QStringLiteral("Inputs (\"%1\", at most %2)")
                      .arg(endpoint->batchField)
                      .arg(endpoint->maxBatch));
    }
    m_empty->setVisible(!endpoint);
    m_fieldsBox->setVisible(endpoint && !endpoint->parameters.isEmpty());
    m_inputsBox->setVisible(endpoint && endpoint->isBatch());
    showForm();
    emit editorsRebuilt();
}

QList<QWidget *> ApiRequestFormWidget::focusOrder() const
{
    QList<QWidget *> order;
    for (int row = 0; row < m_fields->rowCount(); ++row) {
        if (QLayoutItem *item = m_fields->itemAt(row, QFormLayout::FieldRole);
            item && item->widget())
            order.append(item->widget());
    }
    for (int row = 1; row < m_inputsGrid->rowCount(); ++row) {
        for (int column = 0; column < m_inputsGrid->columnCount(); ++column) {
            if (QLayoutItem *item = m_inputsGrid->itemAtPosition(row, column);
                item && item->widget())
                order.append(item->widget());
        }
    }
    order.append(m_addInput);
    return order;
}

QWidget *ApiRequestFormWidget::inputEditor(int input, const QString &name) const
{
    return input >= 0 && input < m_inputEditors.size() ? m_inputEditors.at(input).value(name)
                                                       : nullptr;
}

void ApiRequestFormWidget::rebuildInputs()
{
    if (!m_form || !m_endpoint || !m_endpoint->isBatch())
        return;
    const int shown = std::min(m_form->inputCount(), int(ApiRequestForm::MaxFormInputs));
    if (shown == m_shownInputs)
        return;
    m_shownInputs = shown;
    while (QLayoutItem *item = m_inputsGrid->takeAt(0)) {
        // Later, not now: the Remove button that asked for this is still in its clicked().
        // Unnamed and unparented at once, so nothing finds the old rows meanwhile.
        if (QWidget *widget = item->widget()) {
            widget->hide();
            widget->setObjectName(QString());
            widget->setParent(nullptr);
            widget->deleteLater();
        }
        delete item;
    }
    m_inputEditors.clear();
    const QList<ApiParameter> &members = m_form->inputFields();
    for (int column = 0; column < members.size(); ++column) {
        auto *header = new QLabel(labelText(members.at(column)));
        header->setToolTip(describe(members.at(column), m_endpoint->method));
        m_inputsGrid->addWidget(header, 0, column);
    }
    for (int input = 0; input < shown; ++input) {
        QHash<QString, QWidget *> editors;
        for (int column = 0; column < members.size(); ++column) {
            const QString name = members.at(column).name;
            QWidget *editor = makeEditor(
                members.at(column), QStringLiteral("input_%1_%2").arg(input).arg(name),
                [this, input, name](const QString &text) { inputEdited(input, name, text); });
            m_inputsGrid->addWidget(editor, input + 1, column);
            editors.insert(name, editor);
        }
        auto *remove = new QToolButton;
        remove->setObjectName(QStringLiteral("removeInput_%1").arg(input));
        remove->setText(QStringLiteral("Remove"));
        remove->setToolTip(QStringLiteral("Remove input %1 from the batch").arg(input + 1));
        connect(remove, &QToolButton::clicked, this, [this, input] {
            m_form->removeInput(input);
            rebuildInputs();
            showForm();
            publish();
        });
        m_inputsGrid->addWidget(remove, input + 1, int(members.size()));
        m_inputEditors.append(editors);
    }
    emit editorsRebuilt();
}

void ApiRequestFormWidget::read(const QString &path, const QJsonValue &body)
{
    if (!m_form)
        return;
    m_form->read(path, body);
    rebuildInputs();
    showForm();
}

void ApiRequestFormWidget::showForm()
{
    const bool editable = m_form && m_form->isEditable();
    if (m_form && editable) {
        for (auto it = m_fieldEditors.cbegin(); it != m_fieldEditors.cend(); ++it)
            showValue(it.value(), m_form->text(it.key()), m_form->isExact(it.key()));
        for (int input = 0; input < m_inputEditors.size(); ++input) {
            const QHash<QString, QWidget *> &editors = m_inputEditors.at(input);
            for (auto it = editors.cbegin(); it != editors.cend(); ++it)
                showValue(it.value(), m_form->inputText(input, it.key()),
                          m_form->isInputExact(input, it.key()));
        }
        m_addInput->setEnabled(m_endpoint && m_form->inputCount() < m_endpoint->maxBatch);
    }
    m_fieldsBox->setEnabled(editable);
    m_inputsBox->setEnabled(editable);
    const QStringList notes = m_form ? m_form->notes() : QStringList();
    m_notes->setText(notes.join(QLatin1Char('\n')));
    m_notes->setVisible(!notes.isEmpty());
}

void ApiRequestFormWidget::setUnparsable(const QString &reason)
{
    if (!m_form)
        return;
    m_fieldsBox->setEnabled(false);
    m_inputsBox->setEnabled(false);
    m_notes->setText(QStringLiteral("The JSON body does not parse (%1): the form shows the last "
                                    "body that did, and waits until the JSON is fixed")
                         .arg(reason));
    m_notes->setVisible(true);
}

QString ApiRequestFormWidget::notesText() const
{
    return m_notes->isHidden() ? QString() : m_notes->text();
}

void ApiRequestFormWidget::fieldEdited(const QString &name, const QString &text)
{
    if (!m_form)
        return;
    m_form->setText(name, text);
    showForm();
    publish();
}

void ApiRequestFormWidget::inputEdited(int input, const QString &name, const QString &text)
{
    if (!m_form)
        return;
    m_form->setInputText(input, name, text);
    showForm();
    publish();
}

void ApiRequestFormWidget::publish()
{
    emit edited(m_form->path(), m_form->bodyText());
}

} // namespace allium
