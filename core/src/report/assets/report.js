// eorun report: draws the page from the JSON in #report-data (made by core/src/report/) with the
// inlined Apache ECharts. Every chart renders to SVG without animation; window.eorunReport.ready
// resolves once every chart has drawn, so a headless browser can check the page.
(function () {
  'use strict';

  var data = JSON.parse(document.getElementById('report-data').textContent);
  var root = document.getElementById('report');
  var pending = [];
  var charts = {};
  var palette = ['#2f6f9f', '#d9822b', '#3f9c35', '#c23030', '#7157d9', '#8f6b4a', '#d45eb2',
                 '#6b7785', '#b3a51f', '#1fa2b3'];

  // ---------- small helpers ----------

  function element(tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      if (name === 'text') node.textContent = attributes[name];
      else node.setAttribute(name, attributes[name]);
    });
    (children || []).forEach(function (child) {
      node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
    });
    return node;
  }

  function section(title, lead) {
    var box = element('section', {}, [element('h2', {text: title})]);
    if (lead) box.appendChild(element('p', {'class': 'lead', text: lead}));
    root.appendChild(box);
    return box;
  }

  // `value` as C's printf("%.4g") writes it, so the page shows what `eorun query` prints: four
  // significant digits, ties to even on the exact binary value, exponent form below 1e-4.
  function formatG(value, digits) {
    if (value === 0) return '0';
    if (!isFinite(value)) return String(value);
    var sign = value < 0 ? '-' : '';
    var magnitude = Math.abs(value);
    var exact = magnitude.toExponential(60).split('e');  // the double's exact decimal digits
    var all = exact[0].replace('.', '');
    var tie = all.charAt(digits) === '5' && /^0*$/.test(all.slice(digits + 1));
    var rounded;
    if (tie && Number(all.charAt(digits - 1)) % 2 === 0) {
      rounded = [all.charAt(0) + '.' + all.slice(1, digits), exact[1]];  // ties to even: keep
    } else {
      rounded = magnitude.toExponential(digits - 1).split('e');
    }
    var mantissa = rounded[0].replace('.', '');
    var exponent = Number(rounded[1]);
    var text;
    if (exponent < -4 || exponent >= digits) {
      var head = mantissa.charAt(0) + '.' + mantissa.slice(1);
      head = head.replace(/0+$/, '').replace(/\.$/, '');
      text = head + 'e' + (exponent < 0 ? '-' : '+') + (Math.abs(exponent) < 10 ? '0' : '') + Math.abs(exponent);
    } else if (exponent >= 0) {
      text = mantissa.slice(0, exponent + 1) + '.' + mantissa.slice(exponent + 1);
      text = text.replace(/0+$/, '').replace(/\.$/, '');
    } else {
      text = '0.' + '0'.repeat(-exponent - 1) + mantissa;
      text = text.replace(/0+$/, '').replace(/\.$/, '');
    }
    return sign + text;
  }

  function formatNumber(value) {
    if (value === null || value === undefined) return '\u2013';
    if (Number.isInteger(value) && Math.abs(value) < 1e15) return String(value);
    return formatG(value, 4);
  }

  function shortId(runId) { return runId.slice(0, 12); }

  function leafText(value) {
    if (value === null || value === undefined) return '-';
    return typeof value === 'string' ? value : JSON.stringify(value);
  }

  var runsById = {};
  data.runs.forEach(function (run, index) { run.rank = index + 1; runsById[run.run_id] = run; });
  var groupOfRun = {};
  data.groups.forEach(function (group, index) {
    group.runs.forEach(function (runId) { groupOfRun[runId] = index; });
  });
  function groupColor(runId) {
    var index = groupOfRun[runId];
    return palette[(index === undefined ? 0 : index) % palette.length];
  }
  function groupLabel(runId) {
    var index = groupOfRun[runId];
    return index === undefined ? 'ungrouped' : data.groups[index].label;
  }

  function runLink(runId) {
    if (runsById[runId]) return element('a', {href: '#run-' + runId, 'class': 'hash'}, [shortId(runId)]);
    return element('span', {'class': 'hash', title: 'not in this report'}, [shortId(runId)]);
  }

  // A table whose columns sort on a click: numbers by value (data-value), text by text.
  function sortableTable(columns, rows, options) {
    var head = element('tr');
    columns.forEach(function (column, index) {
      var th = element('th', {'class': 'sortable' + (column.number ? ' number' : ''), text: column.title});
      th.addEventListener('click', function () { sortBy(index, th); });
      head.appendChild(th);
    });
    var body = element('tbody');
    rows.forEach(function (row) {
      var tr = element('tr', row.attributes || {});
      columns.forEach(function (column) {
        var cell = column.cell(row.item);
        var td = element('td', {'class': column.number ? 'number' : ''});
        if (column.field) td.setAttribute('data-field', column.field);
        if (column.number) {
          if (cell !== null && cell !== undefined) td.setAttribute('data-value', String(cell));
          td.textContent = formatNumber(cell);
        } else if (cell instanceof Node) {
          td.appendChild(cell);
        } else {
          td.textContent = cell;
        }
        tr.appendChild(td);
      });
      body.appendChild(tr);
    });
    var table = element('table', options || {}, [element('thead', {}, [head]), body]);
    function sortBy(index, th) {
      var ascending = !th.classList.contains('sorted-ascending');
      Array.prototype.forEach.call(head.children, function (other) {
        other.classList.remove('sorted-ascending', 'sorted-descending');
      });
      th.classList.add(ascending ? 'sorted-ascending' : 'sorted-descending');
      var numeric = columns[index].number;
      var sorted = Array.prototype.slice.call(body.children).sort(function (a, b) {
        var x = a.children[index], y = b.children[index];
        var order;
        if (numeric) {
          var u = x.hasAttribute('data-value') ? parseFloat(x.getAttribute('data-value')) : NaN;
          var v = y.hasAttribute('data-value') ? parseFloat(y.getAttribute('data-value')) : NaN;
          if (isNaN(u) || isNaN(v)) return isNaN(u) - isNaN(v);  // missing values last
          order = u - v;
        } else {
          order = x.textContent.localeCompare(y.textContent, undefined, {numeric: true});
        }
        return ascending ? order : -order;
      });
      sorted.forEach(function (tr) { body.appendChild(tr); });
    }
    return element('div', {'class': 'table-wrap'}, [table]);
  }

  // An ECharts chart in `parent`, drawn to SVG; counted in eorunReport.ready.
  function chart(parent, name, option, extraClass) {
    var box = element('div', {'class': 'chart' + (extraClass ? ' ' + extraClass : ''), 'data-chart': name});
    parent.appendChild(box);
    option.animation = false;
    option.textStyle = {fontFamily: 'DejaVu Sans, sans-serif'};
    pending.push(function () {
      return new Promise(function (resolve) {
        var instance = echarts.init(box, null, {renderer: 'svg'});
        charts[name] = instance;
        instance.on('finished', function () {
          box.setAttribute('data-rendered', 'true');
          resolve(name);
        });
        instance.setOption(option);
      });
    });
    return box;
  }

  function metricTitle() { return data.metric; }

  // ---------- header ----------

  function header() {
    root.appendChild(element('h1', {text: data.title}));
    var facts = element('dl', {'class': 'facts'});
    function fact(name, value) {
      facts.appendChild(element('dt', {text: name}));
      facts.appendChild(element('dd', {}, [value]));
    }
    fact('runs', data.runs.length + ' (' + data.selection + ')' +
         (data.left_out ? '; ' + data.left_out + ' without a number for val ' + data.metric + ' left out' : ''));
    fact('compared by', data.metric + ' on val, ranked ' + (data.higher_is_better ? 'high' : 'low') +
         ' first; test shown beside it');
    fact('grouped by', data.group_by.length ? data.group_by.join(', ') : 'nothing (all runs form one group)');
    fact('registry', data.registry);
    fact('made', data.generated_at + ' by eorun ' + data.eorun_version + ', charts by ' +
         data.chart_library.name + ' ' + data.chart_library.version + ' (' + data.chart_library.license + ')');
    root.appendChild(facts);
  }

  // ---------- groups: table and bars with 95% confidence intervals ----------

  function errorBars(offsetShare) {
    return function (params, api) {
      var low = api.value(1), high = api.value(2);
      if (low === null || high === null || isNaN(low) || isNaN(high)) return null;
      var band = api.size([1, 0])[0];
      var x = api.coord([api.value(0), 0])[0] + offsetShare * band;
      var top = api.coord([api.value(0), high])[1];
      var bottom = api.coord([api.value(0), low])[1];
      var cap = Math.max(3, band * 0.06);
      var style = {stroke: '#1f2933', lineWidth: 1.5};
      return {type: 'group', children: [
        {type: 'line', shape: {x1: x, y1: top, x2: x, y2: bottom}, style: style},
        {type: 'line', shape: {x1: x - cap, y1: top, x2: x + cap, y2: top}, style: style},
        {type: 'line', shape: {x1: x - cap, y1: bottom, x2: x + cap, y2: bottom}, style: style}
      ]};
    };
  }

  function interval(summary) {
    if (summary.mean === null || summary.ci95 === null) return [null, null];
    return [summary.mean - summary.ci95, summary.mean + summary.ci95];
  }

  function groups() {
    if (!data.groups.length) return;
    var box = section('Groups',
      'Mean, standard deviation (n-1) and the 95% confidence interval of the mean (Student t with ' +
      'n-1 degrees of freedom) of ' + metricTitle() + ' per group; the error bars span mean \u00b1 ci95 ' +
      '(none for a group of one run).');
    var columns = data.group_by.map(function (key) {
      return {title: key, cell: function (group) { return leafText(group.key[key]); }};
    });
    columns.push({title: 'n', number: true, field: 'n', cell: function (group) { return group.runs.length; }});
    ['val', 'test'].forEach(function (split) {
      ['mean', 'std', 'ci95'].forEach(function (part) {
        columns.push({title: split + ' ' + part, number: true, field: split + '.' + part,
                      cell: function (group) { return group[split][part]; }});
      });
    });
    columns.push({title: 'runs', cell: function (group) {
      var span = element('span');
      group.runs.forEach(function (runId, index) {
        if (index) span.appendChild(document.createTextNode(' '));
        span.appendChild(runLink(runId));
      });
      return span;
    }});
    box.appendChild(sortableTable(columns, data.groups.map(function (group, index) {
      return {item: group, attributes: {'data-group': String(index)}};
    }), {id: 'groups-table'}));

    var labels = data.groups.map(function (group) { return group.label; });
    // Two bars per category: barCategoryGap 30% leaves 70% of the band for two bars and a 10% gap.
    var barShare = 0.7 / 2.1;
    var offset = (barShare / 2) + 0.05 * barShare;
    function points(split) {
      return data.groups.map(function (group, index) {
        var range = interval(group[split]);
        return [index, range[0], range[1]];
      });
    }
    chart(box, 'groups', {
      title: {text: metricTitle() + ' per group (mean \u00b1 95% CI)', left: 'center', textStyle: {fontSize: 14}},
      legend: {top: 26, data: ['val', 'test']},
      tooltip: {trigger: 'axis', axisPointer: {type: 'shadow'}},
      grid: {left: 60, right: 24, top: 64, bottom: 90},
      xAxis: {type: 'category', data: labels, axisLabel: {interval: 0, rotate: labels.length > 6 ? 30 : 0}},
      yAxis: {type: 'value', name: metricTitle(), scale: true},
      series: [
        {name: 'val', type: 'bar', barCategoryGap: '30%', barGap: '10%', itemStyle: {color: palette[0]},
         data: data.groups.map(function (group) { return group.val.mean; })},
        {name: 'test', type: 'bar', itemStyle: {color: palette[1]},
         data: data.groups.map(function (group) { return group.test.mean; })},
        {name: 'val 95% CI', type: 'custom', renderItem: errorBars(-offset), encode: {x: 0, y: [1, 2]},
         data: points('val'), z: 10, tooltip: {show: false}},
        {name: 'test 95% CI', type: 'custom', renderItem: errorBars(offset), encode: {x: 0, y: [1, 2]},
         data: points('test'), z: 10, tooltip: {show: false}}
      ]
    });
  }

  // ---------- runs ----------

  function runs() {
    var box = section('Runs',
      'Ranked by val ' + metricTitle() + ' (as `eorun query --best ' + data.metric + '`); click a column to sort, ' +
      'a run to see its hashes and the command that reproduces it.');
    var columns = [
      {title: '#', number: true, field: 'rank', cell: function (run) { return run.rank; }},
      {title: 'run', cell: function (run) { return runLink(run.run_id); }}
    ];
    data.varying_keys.forEach(function (key) {
      columns.push({title: key, cell: function (run) { return leafText(run.settings[key]); }});
    });
    columns.push({title: 'val ' + data.metric, number: true, field: 'val', cell: function (run) { return run.val; }});
    columns.push({title: 'test ' + data.metric, number: true, field: 'test', cell: function (run) { return run.test; }});
    columns.push({title: 'best epoch', number: true, field: 'best_epoch', cell: function (run) { return run.best_epoch; }});
    columns.push({title: 'time s', number: true, field: 'wall_seconds', cell: function (run) { return run.cost.wall_seconds; }});
    columns.push({title: 'energy J', number: true, field: 'energy_j', cell: function (run) { return run.cost.energy_j; }});
    columns.push({title: 'parent', cell: function (run) {
      return run.parents.length ? runLink(run.parents[0]) : '';
    }});
    box.appendChild(sortableTable(columns, data.runs.map(function (run, index) {
      return {item: run, attributes: {'data-run': run.run_id, 'class': index === 0 ? 'best' : ''}};
    }), {id: 'runs-table'}));
  }

  // ---------- learning curves ----------

  function curves() {
    var withEpochs = data.runs.filter(function (run) { return run.epochs.length > 0; });
    if (!withEpochs.length) return;
    var box = section('Learning curves',
      'Per epoch, one line per run, coloured by group (the legend shows and hides a whole group).');
    var grid = element('div', {'class': 'charts'});
    box.appendChild(grid);
    [['train_loss', 'train loss'], ['val_loss', 'val loss'], ['val_metric', 'val ' + data.metric],
     ['lr', 'learning rate']].forEach(function (pair) {
      var field = pair[0];
      var series = withEpochs.map(function (run) {
        return {name: groupLabel(run.run_id), type: 'line', showSymbol: run.epochs.length < 30,
                symbolSize: 4, itemStyle: {color: groupColor(run.run_id)}, lineStyle: {width: 1.5},
                runId: run.run_id,
                data: run.epochs.map(function (epoch) { return [epoch.epoch, epoch[field]]; })};
      });
      chart(grid, 'curve-' + field, {
        title: {text: pair[1], left: 'center', textStyle: {fontSize: 13}},
        tooltip: {trigger: 'item', formatter: function (p) {
          return shortId(p.series.runId || '') + ' (' + p.seriesName + ')<br>epoch ' + p.value[0] + ': ' +
                 formatNumber(p.value[1]);
        }},
        legend: {type: 'scroll', bottom: 0},
        grid: {left: 64, right: 20, top: 36, bottom: 72},
        xAxis: {type: 'value', name: 'epoch', nameLocation: 'middle', nameGap: 24, minInterval: 1},
        yAxis: {type: field === 'lr' && logScaleFits(series) ? 'log' : 'value', scale: true},
        series: series
      });
    });
  }

  function logScaleFits(series) {
    var values = [];
    series.forEach(function (s) { s.data.forEach(function (p) { if (p[1] !== null) values.push(p[1]); }); });
    if (!values.length || values.some(function (v) { return v <= 0; })) return false;
    return Math.max.apply(null, values) / Math.min.apply(null, values) > 50;
  }

  // ---------- the best run: per-class results and confusion matrix ----------

  function bestRun() {
    var best = data.best;
    if (!best) return;
    var singleLabel = best.task === 'single_label';
    var measure = singleLabel ? 'recall' : 'f1';
    var values = best.per_class[measure] || [];
    var box = section('Best run per class',
      'Run ' + shortId(best.run_id) + ' on test: per-class ' + (singleLabel ? 'recall' : 'F1') +
      (singleLabel ? ' and the confusion matrix (rows: true class, columns: predicted).' : '.'));
    chart(box, 'per-class', {
      title: {text: 'per-class ' + (singleLabel ? 'recall' : 'F1') + ' (test)', left: 'center', textStyle: {fontSize: 14}},
      tooltip: {trigger: 'axis', axisPointer: {type: 'shadow'}},
      grid: {left: 220, right: 40, top: 40, bottom: 30},
      xAxis: {type: 'value', min: 0, max: 1},
      yAxis: {type: 'category', inverse: true, data: best.class_names, axisLabel: {interval: 0, width: 200, overflow: 'truncate'}},
      series: [{name: measure, type: 'bar', itemStyle: {color: palette[0]}, data: values,
                label: {show: true, position: 'right', formatter: function (p) { return formatNumber(p.value); }}}]
    }, best.class_names.length > 12 ? 'tall' : '');
    if (singleLabel && best.confusion) {
      var cells = [];
      var largest = 0;
      best.confusion.forEach(function (row, truth) {
        row.forEach(function (count, predicted) {
          cells.push([predicted, truth, count]);
          largest = Math.max(largest, count);
        });
      });
      chart(box, 'confusion', {
        title: {text: 'confusion matrix (test)', left: 'center', textStyle: {fontSize: 14}},
        tooltip: {formatter: function (p) {
          return 'true ' + best.class_names[p.value[1]] + ', predicted ' + best.class_names[p.value[0]] + ': ' + p.value[2];
        }},
        grid: {left: 160, right: 90, top: 40, bottom: 110},
        xAxis: {type: 'category', data: best.class_names, name: 'predicted', nameLocation: 'middle', nameGap: 90,
                axisLabel: {rotate: 45, interval: 0}},
        yAxis: {type: 'category', data: best.class_names, inverse: true, name: 'true', axisLabel: {interval: 0}},
        visualMap: {min: 0, max: Math.max(1, largest), calculable: true, orient: 'vertical', right: 10, top: 'center',
                    inRange: {color: ['#f0f4f8', '#2f6f9f', '#102a43']}},
        series: [{name: 'count', type: 'heatmap', data: cells, label: {show: best.class_names.length <= 15}}]
      }, 'tall');
    }
  }

  // ---------- parallel coordinates: which settings matter ----------

  function parallel() {
    var keys = data.varying_keys;
    if (!keys.length || data.runs.length < 2) return;
    var box = section('Settings against ' + metricTitle(),
      'One line per run across the settings that differ between runs, coloured by val ' + metricTitle() +
      '; drag along an axis to select a range.');
    var axes = keys.map(function (key, index) {
      var values = data.runs.map(function (run) { return run.settings[key]; });
      var numeric = values.every(function (v) { return typeof v === 'number'; });
      var distinct = [];
      var seen = {};
      values.forEach(function (v) {
        var text = leafText(v);
        if (!seen[text]) { seen[text] = true; distinct.push(v); }
      });
      if (numeric && distinct.length > 8) {
        var positive = values.every(function (v) { return v > 0; });
        var spread = positive ? Math.max.apply(null, values) / Math.min.apply(null, values) : 0;
        return {dim: index, name: key, type: spread > 50 ? 'log' : 'value', scale: true};
      }
      var categories = [];
      distinct.slice().sort(function (a, b) {
        return numeric ? a - b : leafText(a).localeCompare(leafText(b));
      }).forEach(function (v) { categories.push(leafText(v)); });
      return {dim: index, name: key, type: 'category', data: categories};
    });
    axes.push({dim: keys.length, name: 'val ' + data.metric, type: 'value', scale: true});
    axes.push({dim: keys.length + 1, name: 'test ' + data.metric, type: 'value', scale: true});
    var lines = data.runs.map(function (run) {
      var row = keys.map(function (key, index) {
        var value = run.settings[key];
        return axes[index].type === 'category' ? leafText(value) : value;
      });
      row.push(run.val, run.test);
      return {name: shortId(run.run_id), value: row};
    });
    var scores = data.runs.map(function (run) { return run.val; }).filter(function (v) { return v !== null; });
    chart(box, 'parallel', {
      tooltip: {trigger: 'item', formatter: function (p) { return 'run ' + p.name; }},
      parallelAxis: axes,
      parallel: {left: 70, right: 110, top: 50, bottom: 40,
                 parallelAxisDefault: {nameLocation: 'end', nameGap: 16, nameTextStyle: {fontSize: 12}}},
      visualMap: {type: 'continuous', dimension: keys.length, min: Math.min.apply(null, scores),
                  max: Math.max.apply(null, scores), calculable: true, right: 0, top: 'center',
                  inRange: {color: data.higher_is_better ? ['#d9822b', '#e9e9a0', '#2f6f9f'] : ['#2f6f9f', '#e9e9a0', '#d9822b']},
                  text: ['val ' + data.metric, '']},
      series: [{name: 'runs', type: 'parallel', lineStyle: {width: 2, opacity: 0.8}, data: lines}]
    });
  }

  // ---------- time and energy ----------

  function cost() {
    var timed = data.runs.filter(function (run) { return run.cost.wall_seconds !== null; });
    if (!timed.length) return;
    var withEnergy = timed.some(function (run) { return run.cost.energy_j !== null; });
    var box = section('Time and energy',
      'Wall time of training per run' + (withEnergy
        ? ' and CPU package energy (RAPL), where the machine exposed it.'
        : '; no run recorded energy (the machine exposed no counter), so none is drawn.'));
    var series = [{name: 'time s', type: 'bar', itemStyle: {color: palette[0]},
                   data: timed.map(function (run) { return run.cost.wall_seconds; })}];
    var yAxes = [{type: 'value', name: 'seconds'}];
    if (withEnergy) {
      yAxes.push({type: 'value', name: 'joules'});
      series.push({name: 'energy J', type: 'bar', yAxisIndex: 1, itemStyle: {color: palette[1]},
                   data: timed.map(function (run) { return run.cost.energy_j; })});
    }
    chart(box, 'cost', {
      legend: {top: 0},
      tooltip: {trigger: 'axis', axisPointer: {type: 'shadow'}},
      grid: {left: 64, right: 64, top: 40, bottom: 70},
      xAxis: {type: 'category', data: timed.map(function (run) { return shortId(run.run_id); }),
              axisLabel: {rotate: 45, interval: timed.length > 40 ? 'auto' : 0}},
      yAxis: yAxes,
      series: series
    });
  }

  // ---------- each run: hashes, lineage, reproduce ----------

  function details() {
    var box = section('Run details', 'What identifies each run, where it came from, and how to train it again.');
    var children = {};
    data.runs.forEach(function (run) {
      run.parents.forEach(function (parent) { (children[parent] = children[parent] || []).push(run.run_id); });
    });
    data.runs.forEach(function (run) {
      var item = element('details', {'class': 'run', id: 'run-' + run.run_id});
      item.appendChild(element('summary', {}, [
        element('span', {'class': 'hash', text: shortId(run.run_id)}), ' ',
        element('span', {'class': 'tag', text: groupLabel(run.run_id)}), ' val ' + data.metric + ' ' +
          formatNumber(run.val) + ', test ' + formatNumber(run.test)]));
      var facts = element('dl', {'class': 'facts'});
      function fact(name, value) {
        facts.appendChild(element('dt', {text: name}));
        facts.appendChild(element('dd', {}, [value]));
      }
      var hashes = run.hashes;
      fact('run id', element('span', {'class': 'hash', text: hashes.run_id}));
      hashes.plugins.forEach(function (plugin) {
        fact(plugin.role, element('span', {}, [plugin.name + ' ' + plugin.version + ' ',
             element('span', {'class': 'hash', text: plugin.sha256})]));
      });
      [['data manifest', 'data_manifest_sha256'], ['build', 'build_id'], ['git commit', 'git_commit'],
       ['best checkpoint', 'best_checkpoint_sha256'], ['final weights', 'final_weights_sha256']].forEach(function (pair) {
        if (hashes[pair[1]]) fact(pair[0], element('span', {'class': 'hash', text: hashes[pair[1]]}));
      });
      if (run.seed !== null) fact('seed', String(run.seed));
      if (run.started_at) fact('started', run.started_at);
      if (run.parents.length) {
        var parents = element('span');
        run.parents.forEach(function (parent) { parents.appendChild(runLink(parent)); });
        fact('parent', parents);
      }
      if (children[run.run_id]) {
        var kids = element('span');
        children[run.run_id].forEach(function (child, index) {
          if (index) kids.appendChild(document.createTextNode(' '));
          kids.appendChild(runLink(child));
        });
        fact('children', kids);
      }
      item.appendChild(facts);
      item.appendChild(element('pre', {'class': 'command'}, [element('code', {text: run.reproduce})]));
      box.appendChild(item);
    });
  }

  function openLinkedRun() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id && document.getElementById(id);
    if (target && target.tagName === 'DETAILS') target.open = true;
  }

  // ---------- the page ----------

  var errors = [];
  window.addEventListener('error', function (event) { errors.push(String(event.message)); });
  header();
  groups();
  runs();
  curves();
  bestRun();
  parallel();
  cost();
  details();
  window.addEventListener('hashchange', openLinkedRun);
  openLinkedRun();
  window.addEventListener('resize', function () {
    Object.keys(charts).forEach(function (name) { charts[name].resize(); });
  });
  window.eorunReport = {
    charts: charts,
    errors: errors,
    ready: Promise.all(pending.map(function (draw) { return draw(); }))
  };
})();
