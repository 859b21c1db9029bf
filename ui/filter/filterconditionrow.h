// SPDX-License-Identifier: MIT
#pragma once

#include "core/filter/filter.h"
#include "core/stream/topiccatalogue.h"

#include <QWidget>

class QComboBox;
class QLineEdit;
class QStackedWidget;
class QStandardItemModel;

namespace allium {

/// One condition in the filter builder: field (with completion), operator, and a value editor
/// that fits the operator and the field's type.
class FilterConditionRow : public QWidget
{
    Q_OBJECT

public:
    /// `fields` is the builder's shared field list: path in column 0, FieldTypeRole holding the
    /// FieldType as int.
    FilterConditionRow(QStandardItemModel *fields, QWidget *parent = nullptr);

    static constexpr int FieldTypeRole = Qt::UserRole + 1;

    void setCondition(const Filter &condition);
    Filter condition() const;

    /// Names the row's controls for screen readers ("condition 2.1").
    void setPositionLabel(const QString &label);
    /// Puts the keyboard focus on the field box.
    void focusFirst();
    /// Re-applies the row's own field text after the shared field list changed underneath.
    void restoreFieldText();

    QComboBox *fieldBox() const { return m_field; }
    QComboBox *operatorBox() const { return m_operator; }
    QLineEdit *valueEdit() const { return m_value; }
    QLineEdit *listEdit() const { return m_list; }
    QComboBox *existsBox() const { return m_exists; }

signals:
    /// The user changed the field, operator or value.
    void edited();

private:
    FieldType fieldType() const;
    Filter::Operator currentOperator() const;
    QJsonValue currentValue() const;
    void handleFieldTextChanged(const QString &text);
    void handleOperatorChanged();
    void handleValueEdited();
    void normalizeValueText();
    void updateEditorForOperator();
    void updateValidators();

    QStandardItemModel *m_fields = nullptr;
    QComboBox *m_field = nullptr;
    QComboBox *m_operator = nullptr;
    QStackedWidget *m_valueStack = nullptr;
    QLineEdit *m_value = nullptr;
    QLineEdit *m_list = nullptr;
    QComboBox *m_exists = nullptr;
    QString m_fieldText;
    // The value as loaded, returned unchanged while its text is not edited, so a filter read
    // from JSON keeps its exact value types (a number in a numeric-string field stays a number).
    QJsonValue m_loadedValue;
    QString m_loadedText;
    int m_loadedPage = -1; ///< the value editor the loaded value belongs to
    Filter::Operator m_previousOperator = Filter::Operator::Equal;
    bool m_loading = false;
};

} // namespace allium
