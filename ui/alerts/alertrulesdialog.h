// SPDX-License-Identifier: MIT
#pragma once

#include <QDialog>

class QCheckBox;
class QListWidget;
class QPushButton;

namespace allium {

class AlertCenter;
class AlertRuleDialog;
class PlainLabel;

/// The rules manager: the list of alert rules with their switches, add / edit / delete, import
/// and export as the rules file, and the sound option. Every change applies to the streams at
/// once and is saved (AlertCenter).
class AlertRulesDialog : public QDialog
{
    Q_OBJECT
public:
    explicit AlertRulesDialog(AlertCenter *alerts, QWidget *parent = nullptr);

    /// Opens the rule editor (window-modal, not blocking) for a new rule or the selected one.
    AlertRuleDialog *addRule();
    AlertRuleDialog *editSelected();
    void deleteSelected();
    /// Replaces the rules with a rules file's; false, with the reason shown, if it is refused.
    bool importFile(const QString &fileName);
    bool exportFile(const QString &fileName);

private:
    void reload();
    AlertRuleDialog *openEditor(int row);
    void showProblem(const QString &problem);

    AlertCenter *m_alerts = nullptr;
    QListWidget *m_list = nullptr;
    QPushButton *m_edit = nullptr;
    QPushButton *m_delete = nullptr;
    QCheckBox *m_sound = nullptr;
    PlainLabel *m_problem = nullptr;
};

} // namespace allium
