// SPDX-License-Identifier: MIT
#include "ui/alerts/alertrulesdialog.h"

#include "core/alerts/alertcenter.h"
#include "core/alerts/alertruleset.h"
#include "ui/alerts/alertruledialog.h"
#include "ui/text/plainlabel.h"
#include "ui/text/plaintooltipfilter.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QListWidget>
#include <QPushButton>
#include <QSaveFile>
#include <QVBoxLayout>

namespace allium {

AlertRulesDialog::AlertRulesDialog(AlertCenter *alerts, QWidget *parent)
    : QDialog(parent)
    , m_alerts(alerts)
{
    setWindowTitle(tr("Alert rules"));
    m_list = new QListWidget(this);
    m_list->setObjectName(QStringLiteral("alertRuleList"));
    m_list->setAlternatingRowColors(true);
    // A rule's name comes from the user or an imported file: its tooltip is shown literally.
    PlainToolTipFilter::install(m_list);

    auto *add = new QPushButton(tr("&Add…"), this);
    add->setObjectName(QStringLiteral("addRule"));
    m_edit = new QPushButton(tr("&Edit…"), this);
    m_edit->setObjectName(QStringLiteral("editRule"));
    m_delete = new QPushButton(tr("&Delete"), this);
    m_delete->setObjectName(QStringLiteral("deleteRule"));
    auto *import = new QPushButton(tr("&Import…"), this);
    import->setObjectName(QStringLiteral("importRules"));
    auto *exportButton = new QPushButton(tr("E&xport…"), this);
    exportButton->setObjectName(QStringLiteral("exportRules"));
    m_sound = new QCheckBox(tr("&Beep on every alert"), this);
    m_sound->setObjectName(QStringLiteral("alertSound"));
    m_sound->setChecked(m_alerts->soundEnabled());
    m_problem = new PlainLabel(this);
    m_problem->setObjectName(QStringLiteral("rulesProblem"));
    m_problem->setWordWrap(true);
    m_problem->hide();

    auto *buttons = new QVBoxLayout;
    for (QPushButton *button : {add, m_edit, m_delete, import, exportButton})
        buttons->addWidget(button);
    buttons->addStretch(1);
    auto *row = new QHBoxLayout;
    row->addWidget(m_list, 1);
    row->addLayout(buttons);
    auto *close = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(new PlainLabel(tr("Rules run on everything each stream receives, even "
                                        "when its table is paused or filtered."),
                                     this));
    layout->addLayout(row, 1);
    layout->addWidget(m_sound);
    layout->addWidget(m_problem);
    layout->addWidget(close);
    resize(720, 420);

    connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(add, &QPushButton::clicked, this, &AlertRulesDialog::addRule);
    connect(m_edit, &QPushButton::clicked, this, &AlertRulesDialog::editSelected);
    connect(m_delete, &QPushButton::clicked, this, &AlertRulesDialog::deleteSelected);
    connect(m_list, &QListWidget::itemDoubleClicked, this, &AlertRulesDialog::editSelected);
    connect(m_list, &QListWidget::currentRowChanged, this, [this](int current) {
        m_edit->setEnabled(current >= 0);
        m_delete->setEnabled(current >= 0);
    });
    connect(m_list, &QListWidget::itemChanged, this, [this](QListWidgetItem *item) {
        QList<AlertRule> rules = m_alerts->rules();
        const int index = m_list->row(item);
        const bool enabled = item->checkState() == Qt::Checked;
        if (index < 0 || index >= rules.size() || rules.at(index).enabled == enabled)
            return;
        rules[index].enabled = enabled;
        m_alerts->setRules(rules);
    });
    connect(m_sound, &QCheckBox::toggled, m_alerts, &AlertCenter::setSoundEnabled);
    connect(import, &QPushButton::clicked, this, [this] {
        const QString file = QFileDialog::getOpenFileName(this, tr("Import alert rules"), QString(),
                                                          tr("Rules (*.json)"));
        if (!file.isEmpty())
            importFile(file);
    });
    connect(exportButton, &QPushButton::clicked, this, [this] {
        const QString file =
            QFileDialog::getSaveFileName(this, tr("Export alert rules"),
                                         QStringLiteral("alert-rules.json"), tr("Rules (*.json)"));
        if (!file.isEmpty())
            exportFile(file);
    });
    connect(m_alerts, &AlertCenter::rulesChanged, this, &AlertRulesDialog::reload);
    reload();
}

void AlertRulesDialog::reload()
{
    const QSignalBlocker blocker(m_list);
    const int current = m_list->currentRow();
    m_list->clear();
    for (const AlertRule &rule : m_alerts->rules()) {
        // Plain text: a QListWidgetItem never renders rich text.
        const QString text = QStringLiteral("%1 · %2 · cooldown %3 s · %4")
                                 .arg(rule.name, rule.topic)
                                 .arg(double(rule.cooldownMs) / 1000.0)
                                 .arg(rule.conditionSummary());
        auto *item = new QListWidgetItem(text, m_list);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(rule.enabled ? Qt::Checked : Qt::Unchecked);
        item->setToolTip(rule.name);
    }
    m_list->setCurrentRow(qMin(current, m_list->count() - 1));
    m_edit->setEnabled(m_list->currentRow() >= 0);
    m_delete->setEnabled(m_list->currentRow() >= 0);
}

AlertRuleDialog *AlertRulesDialog::addRule()
{
    return openEditor(-1);
}

AlertRuleDialog *AlertRulesDialog::editSelected()
{
    const int row = m_list->currentRow();
    return row >= 0 ? openEditor(row) : nullptr;
}

AlertRuleDialog *AlertRulesDialog::openEditor(int row)
{
    const QList<AlertRule> rules = m_alerts->rules();
    QStringList taken;
    for (int i = 0; i < rules.size(); ++i) {
        if (i != row)
            taken.append(rules.at(i).name);
    }
    auto *editor = new AlertRuleDialog(taken, this);
    editor->setObjectName(QStringLiteral("alertRuleEditor"));
    editor->setAttribute(Qt::WA_DeleteOnClose);
    if (row >= 0)
        editor->setRule(rules.at(row));
    connect(editor, &QDialog::accepted, this, [this, editor, row] {
        QList<AlertRule> updated = m_alerts->rules();
        if (row >= 0 && row < updated.size())
            updated[row] = editor->rule();
        else
            updated.append(editor->rule());
        QString problem;
        if (!m_alerts->setRules(updated, &problem))
            showProblem(problem);
        else
            m_list->setCurrentRow(row >= 0 ? row : m_list->count() - 1);
    });
    editor->open();
    return editor;
}

void AlertRulesDialog::deleteSelected()
{
    const int row = m_list->currentRow();
    QList<AlertRule> rules = m_alerts->rules();
    if (row < 0 || row >= rules.size())
        return;
    rules.removeAt(row);
    m_alerts->setRules(rules);
}

bool AlertRulesDialog::importFile(const QString &fileName)
{
    QString problem;
    const AlertRuleSet set = AlertRuleSet::readFile(fileName, &problem);
    if (problem.isEmpty())
        m_alerts->setRules(set.rules(), &problem);
    showProblem(problem);
    return problem.isEmpty();
}

bool AlertRulesDialog::exportFile(const QString &fileName)
{
    QSaveFile file(fileName);
    const bool ok = file.open(QIODevice::WriteOnly) &&
                    file.write(AlertRuleSet(m_alerts->rules()).toJsonText()) >= 0 && file.commit();
    showProblem(ok ? QString() : tr("cannot write %1: %2").arg(fileName, file.errorString()));
    return ok;
}

void AlertRulesDialog::showProblem(const QString &problem)
{
    m_problem->setText(problem);
    m_problem->setVisible(!problem.isEmpty());
}

} // namespace allium
