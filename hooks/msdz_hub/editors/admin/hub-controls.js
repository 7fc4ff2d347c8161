// The controls of the hub's widgets (their rules: hub-widgets.js), made with the React that Decap
// lends its custom widgets (window.h, window.createClass). Every input is named after its field
// in German, for screen readers too; nothing here says „UTC“.
import {
  berlinWall, exactNumber, isEmpty, todayInBerlin, validity,
} from './hub-widgets.js';

const fieldOf = (props) => props.field.toJS();
const dataOf = (props) => (props.entry ? props.entry.get('data').toJS() : {});

function control(render, extra = {}) {
  return window.createClass({
    isValid() { return validity(this.props.value, fieldOf(this.props), dataOf(this.props)); },
    render() { return render.call(this, this.props); },
    ...extra,
  });
}

const common = (props) => ({
  id: props.forID,
  className: props.classNameWrapper,
  onFocus: props.setActiveStyle,
  onBlur: props.setInactiveStyle,
});

const makeText = () => control(function renderText(props) {
  const tag = props.field.get('multiline') ? 'textarea' : 'input';
  return window.h(tag, {
    ...common(props),
    type: tag === 'input' ? 'text' : undefined,
    value: isEmpty(props.value) ? '' : String(props.value),
    onChange: (event) => props.onChange(event.target.value),
  });
});

const makeDate = () => control(function renderDate(props) {
  const { h } = window;
  const label = props.field.get('label');
  return h('div', { style: { display: 'flex', gap: '0.75rem', alignItems: 'center' } },
    h('input', {
      ...common(props),
      type: 'date',
      value: props.value || '',
      style: { maxWidth: '14rem' },
      onChange: (event) => props.onChange(event.target.value),
    }),
    h('button', {
      type: 'button',
      'aria-label': `${label}: heutiges Datum eintragen`,
      onClick: () => props.onChange(todayInBerlin()),
    }, 'Heute'));
});

const makeMoment = () => control(function renderMoment(props) {
  const { h } = window;
  const label = props.field.get('label');
  const wall = berlinWall(props.value);
  const time = this.state.time ?? wall.time;
  const write = (day, hour) => {
    this.setState({ time: hour });
    props.onChange(day ? (hour ? `${day}T${hour}` : day) : '');
  };
  return h('div', { style: { display: 'flex', gap: '0.75rem', alignItems: 'center', flexWrap: 'wrap' } },
    h('input', {
      ...common(props),
      type: 'date',
      'aria-label': `${label}: Tag`,
      value: wall.day || '',
      style: { maxWidth: '14rem' },
      onChange: (event) => write(event.target.value, time),
    }),
    h('input', {
      type: 'time',
      className: props.classNameWrapper,
      'aria-label': `${label}: Uhrzeit (Ortszeit Berlin, freiwillig)`,
      value: time || '',
      style: { maxWidth: '10rem' },
      onChange: (event) => write(wall.day, event.target.value),
    }),
    h('span', null, 'Uhr (Ortszeit Berlin)'));
}, { getInitialState() { return { time: null }; } });

const makeNumber = () => control(function renderNumber(props) {
  const type = props.field.get('value_type');
  const shown = isEmpty(props.value) ? '' : String(props.value);
  const text = this.state.text ?? (type === 'int' ? shown : shown.replace('.', ','));
  return window.h('input', {
    ...common(props),
    type: 'text',
    inputMode: type === 'int' ? 'numeric' : 'decimal',
    value: text,
    onChange: (event) => {
      const typed = event.target.value;
      this.setState({ text: typed });
      const number = exactNumber(typed, type);
      props.onChange(typed.trim() === '' ? '' : (number ?? typed));
    },
  });
}, {
  getInitialState() { return { text: null }; },
  isValid() {
    const { value } = this.props;
    if (typeof value === 'string' && value !== '') {
      const int = this.props.field.get('value_type') === 'int';
      return { error: { type: 'CUSTOM', message: int
        ? 'Bitte eine ganze Zahl eintragen, ohne Komma: z. B. 21000 oder 21.000.'
        : 'Bitte eine Zahl eintragen, z. B. 52,41.' } };
    }
    return validity(value, fieldOf(this.props), dataOf(this.props));
  },
});

const makeId = () => control(function renderId(props) {
  const { h } = window;
  const { entry } = props;
  if (entry && !entry.get('newRecord') && entry.get('slug')) {
    return h('output', { ...common(props), 'aria-live': 'polite' }, entry.get('slug'));
  }
  const title = entry ? String(entry.getIn(['data', 'title']) || '') : '';
  return h('input', {
    ...common(props),
    type: 'text',
    value: props.value || '',
    placeholder: title ? `${window.hubSuggestId(title)} (aus dem Titel)` : 'entsteht aus dem Titel',
    onChange: (event) => props.onChange(event.target.value),
  });
});

// Made when the CMS is there (window.createClass comes with it): importing this file in node, as
// tests/test_cms_config.py does for the writer, touches no window.
export function registerControls(CMS) {
  CMS.registerWidget('hub-text', makeText());
  CMS.registerWidget('hub-date', makeDate());
  CMS.registerWidget('hub-moment', makeMoment());
  CMS.registerWidget('hub-number', makeNumber());
  CMS.registerWidget('hub-id', makeId());
}
