// SPDX-License-Identifier: MIT
#pragma once

#include "core/alerts/alertrule.h"

#include <QDialog>
#include <QHash>
#include <QList>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QDoubleSpinBox;
class QLineEdit;
class QSpinBox;
class QWidget;

namespace allium {

class FilterBuilderWidget;
class PlainLabel;

/// Edits one alert rule: name, topic, kind and its parameter, cooldown, and the `when`
/// condition in the same filter builder as the stream panel's. OK is enabled only while the
/// rule is valid; the problem is shown as plain text.
class AlertRuleDialog : public QDialog
{
    Q_OBJECT
public:
    /// `takenNames`: names of the other rules (a name must be unique).
    explicit AlertRuleDialog(const QStringList &takenNames, QWidget *parent = nullptr);

    void setRule(const AlertRule &rule);
    AlertRule rule() const;
    /// The first problem of rule(), or empty.
    QString problem() const;

private:
    void updateState();

    QStringList m_takenNames;
    QLineEdit *m_name = nullptr;
    QComboBox *m_topic = nullptr;
    QComboBox *m_kind = nullptr;
    QDoubleSpinBox *m_cooldown = nullptr;
    QCheckBox *m_enabled = nullptr;
    QSpinBox *m_perMinute = nullptr;
    QSpinBox *m_silence = nullptr;
    QDoubleSpinBox *m_lag = nullptr;
    QWidget *m_eventsBox = nullptr;
    QHash<IntegrityEventKind, QCheckBox *> m_events;
    FilterBuilderWidget *m_when = nullptr;
    PlainLabel *m_problem = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QList<QWidget *> m_kindRows; // per kind: the row of its parameter (or null)
};

} // namespace allium
