// SPDX-License-Identifier: MIT
#include "ui/alerts/alertruledialog.h"

#include "core/stream/topiccatalogue.h"
#include "ui/filter/filterbuilderwidget.h"
#include "ui/text/plainlabel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace allium {

namespace {

const QList<AlertRuleKind> kinds{AlertRuleKind::Match, AlertRuleKind::Rate, AlertRuleKind::Silence,
                                 AlertRuleKind::Integrity, AlertRuleKind::Lag};

const QList<IntegrityEventKind> integrityKinds{
    IntegrityEventKind::Gap,        IntegrityEventKind::Reorg, IntegrityEventKind::Duplicate,
    IntegrityEventKind::OutOfOrder, IntegrityEventKind::Stall, IntegrityEventKind::Lag,
    IntegrityEventKind::Outage};

QString kindLabel(AlertRuleKind kind)
{
    switch (kind) {
    case AlertRuleKind::Match:
        return AlertRuleDialog::tr("A message matches");
    case AlertRuleKind::Rate:
        return AlertRuleDialog::tr("Matches above a rate");
    case AlertRuleKind::Silence:
        return AlertRuleDialog::tr("No (matching) message for a while");
    case AlertRuleKind::Integrity:
        return AlertRuleDialog::tr("Gap, reorg or other integrity event");
    case AlertRuleKind::Lag:
        return AlertRuleDialog::tr("Lag above a threshold");
    }
    return {};
}

} // namespace

AlertRuleDialog::AlertRuleDialog(const QStringList &takenNames, QWidget *parent)
    : QDialog(parent)
    , m_takenNames(takenNames)
{
    setWindowTitle(tr("Alert rule"));
    auto *form = new QFormLayout;
    m_name = new QLineEdit(this);
    m_name->setObjectName(QStringLiteral("ruleName"));
    m_name->setMaxLength(AlertRule::MaxNameLength);
    form->addRow(tr("&Name:"), m_name);

    m_topic = new QComboBox(this);
    m_topic->setObjectName(QStringLiteral("ruleTopic"));
    m_topic->setEditable(true);
    for (const TopicInfo &topic : TopicCatalogue::topics())
        m_topic->addItem(topic.name);
    form->addRow(tr("&Topic:"), m_topic);

    m_kind = new QComboBox(this);
    m_kind->setObjectName(QStringLiteral("ruleKind"));
    for (AlertRuleKind kind : kinds)
        m_kind->addItem(kindLabel(kind), int(kind));
    form->addRow(tr("&Fires when:"), m_kind);

    m_perMinute = new QSpinBox(this);
    m_perMinute->setObjectName(QStringLiteral("rulePerMinute"));
    m_perMinute->setRange(1, AlertRule::MaxPerMinute);
    m_perMinute->setSuffix(tr(" a minute"));
    m_perMinute->setValue(60);
    m_silence = new QSpinBox(this);
    m_silence->setObjectName(QStringLiteral("ruleSilence"));
    m_silence->setRange(1, AlertRule::MaxSilenceS);
    m_silence->setSuffix(tr(" s"));
    m_silence->setValue(60);
    m_lag = new QDoubleSpinBox(this);
    m_lag->setObjectName(QStringLiteral("ruleLag"));
    m_lag->setRange(0.1, AlertRule::MaxSilenceS);
    m_lag->setSuffix(tr(" s"));
    m_lag->setValue(5);
    m_eventsBox = new QWidget(this);
    auto *eventsLayout = new QHBoxLayout(m_eventsBox);
    eventsLayout->setContentsMargins(0, 0, 0, 0);
    for (IntegrityEventKind kind : integrityKinds) {
        auto *box = new QCheckBox(IntegrityEvent::kindName(kind), m_eventsBox);
        box->setObjectName(QStringLiteral("ruleEvent_") + IntegrityEvent::kindName(kind));
        box->setChecked(AlertRule::defaultIntegrityEvents().contains(kind));
        eventsLayout->addWidget(box);
        m_events.insert(kind, box);
    }
    form->addRow(tr("More than:"), m_perMinute);
    form->addRow(tr("Silent for:"), m_silence);
    form->addRow(tr("Events:"), m_eventsBox);
    form->addRow(tr("Lag of at least:"), m_lag);
    m_kindRows = {nullptr, m_perMinute, m_silence, m_eventsBox, m_lag};

    m_cooldown = new QDoubleSpinBox(this);
    m_cooldown->setObjectName(QStringLiteral("ruleCooldown"));
    m_cooldown->setRange(0, AlertRule::MaxCooldownS);
    m_cooldown->setDecimals(1);
    m_cooldown->setSuffix(tr(" s"));
    m_cooldown->setValue(AlertRule::DefaultCooldownS);
    m_cooldown->setToolTip(tr("Matches within this time after an alert are counted into it "
                              "rather than alerting again (0: every match alerts)"));
    form->addRow(tr("&Cooldown:"), m_cooldown);
    m_enabled = new QCheckBox(tr("&Enabled"), this);
    m_enabled->setObjectName(QStringLiteral("ruleEnabled"));
    m_enabled->setChecked(true);
    form->addRow(QString(), m_enabled);

    m_when = new FilterBuilderWidget(this);
    m_when->setObjectName(QStringLiteral("ruleWhen"));
    m_problem = new PlainLabel(this);
    m_problem->setObjectName(QStringLiteral("ruleProblem"));
    m_problem->setWordWrap(true);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(new PlainLabel(tr("Condition (the stream filter language):"), this));
    layout->addWidget(m_when, 1);
    layout->addWidget(m_problem);
    layout->addWidget(m_buttons);
    resize(640, 560);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_name, &QLineEdit::textChanged, this, &AlertRuleDialog::updateState);
    connect(m_topic, &QComboBox::currentTextChanged, this, [this](const QString &topic) {
        m_when->setTopic(topic);
        updateState();
    });
    connect(m_kind, &QComboBox::currentIndexChanged, this, &AlertRuleDialog::updateState);
    connect(m_when, &FilterBuilderWidget::filterChanged, this, &AlertRuleDialog::updateState);
    for (QCheckBox *box : std::as_const(m_events))
        connect(box, &QCheckBox::toggled, this, &AlertRuleDialog::updateState);
    m_when->setTopic(m_topic->currentText());
    updateState();
}

void AlertRuleDialog::setRule(const AlertRule &rule)
{
    m_name->setText(rule.name);
    m_topic->setCurrentText(rule.topic);
    m_kind->setCurrentIndex(int(kinds.indexOf(rule.kind)));
    m_cooldown->setValue(double(rule.cooldownMs) / 1000.0);
    m_enabled->setChecked(rule.enabled);
    if (rule.kind == AlertRuleKind::Rate)
        m_perMinute->setValue(rule.perMinute);
    if (rule.kind == AlertRuleKind::Silence)
        m_silence->setValue(rule.silenceS);
    if (rule.kind == AlertRuleKind::Lag)
        m_lag->setValue(rule.lagS);
    if (rule.kind == AlertRuleKind::Integrity) {
        for (auto it = m_events.begin(); it != m_events.end(); ++it)
            it.value()->setChecked(rule.events.contains(it.key()));
    }
    m_when->setFilter(rule.when);
    updateState();
}

AlertRule AlertRuleDialog::rule() const
{
    AlertRule rule;
    rule.name = m_name->text().trimmed();
    rule.topic = m_topic->currentText().trimmed();
    rule.kind = kinds.value(m_kind->currentIndex(), AlertRuleKind::Match);
    rule.cooldownMs = qRound64(m_cooldown->value() * 1000.0);
    rule.enabled = m_enabled->isChecked();
    switch (rule.kind) {
    case AlertRuleKind::Match:
        rule.when = m_when->filter();
        break;
    case AlertRuleKind::Rate:
        rule.when = m_when->filter();
        rule.perMinute = m_perMinute->value();
        break;
    case AlertRuleKind::Silence:
        rule.when = m_when->filter();
        rule.silenceS = m_silence->value();
        break;
    case AlertRuleKind::Integrity:
        for (IntegrityEventKind kind : integrityKinds) {
            if (m_events.value(kind)->isChecked())
                rule.events.append(kind);
        }
        break;
    case AlertRuleKind::Lag:
        rule.lagS = m_lag->value();
        break;
    }
    return rule;
}

QString AlertRuleDialog::problem() const
{
    const AlertRule current = rule();
    if (m_takenNames.contains(current.name))
        return tr("name: another rule has this name");
    return current.validationError();
}

void AlertRuleDialog::updateState()
{
    const int kind = m_kind->currentIndex();
    for (int i = 0; i < m_kindRows.size(); ++i) {
        if (QWidget *row = m_kindRows.at(i)) {
            row->setVisible(i == kind);
            if (auto *form = qobject_cast<QFormLayout *>(layout()->itemAt(0)->layout())) {
                if (QWidget *label = form->labelForField(row))
                    label->setVisible(i == kind);
            }
        }
    }
    const AlertRuleKind current = kinds.value(kind, AlertRuleKind::Match);
    m_when->setEnabled(current == AlertRuleKind::Match || current == AlertRuleKind::Rate ||
                       current == AlertRuleKind::Silence);
    const QString text = problem();
    m_problem->setText(text);
    m_problem->setVisible(!text.isEmpty());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(text.isEmpty());
}

} // namespace allium
