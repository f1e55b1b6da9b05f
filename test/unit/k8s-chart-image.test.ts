// The image a chart template renders with its values.yaml (for the image catalogue): repository/tag
// actions, helper templates over an `image:` map, and everything it must not guess.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chartImage, chartValuesPath } from '../../server/src/engine/k8s/chart-image';
import { CrossFileIndex } from '../../server/src/engine/cross-file-index';

const VALUES = {
  image: { registry: 'docker.io', repository: 'bitnami/redis', tag: '7.2.5' },
  sidecar: { image: { repository: 'grafana/grafana', tag: 11 } },
  empty: { repository: '', tag: '' },
};

describe('chartImage', () => {
  it('renders actions that name values, quoted or not', () => {
    assert.equal(chartImage('"{{ .Values.image.repository }}:{{ .Values.image.tag }}"', VALUES), 'bitnami/redis:7.2.5');
    assert.equal(chartImage('{{ .Values.sidecar.image.repository }}:{{ .Values.sidecar.image.tag }}', VALUES), 'grafana/grafana:11');
    assert.equal(
      chartImage('"{{ .Values.image.registry }}/{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}"', VALUES),
      'docker.io/bitnami/redis:7.2.5',
    );
  });

  it('takes a helper that is the whole value as the chart’s own image: map', () => {
    assert.equal(chartImage('{{ template "redis.image" . }}', VALUES), 'docker.io/bitnami/redis:7.2.5');
    assert.equal(
      chartImage('{{ include "common.images.image" (dict "imageRoot" .Values.sidecar.image "global" .Values.global) }}', VALUES),
      'grafana/grafana:11',
    );
  });

  it('does not guess: an empty value (a default would render), a helper inside other text, a missing path, plain text', () => {
    assert.equal(chartImage('"{{ .Values.empty.repository }}:{{ .Values.empty.tag }}"', VALUES), undefined);
    assert.equal(chartImage('"registry.local/{{ template "redis.image" . }}"', VALUES), undefined);
    assert.equal(chartImage('{{ .Values.nope.repository }}', VALUES), undefined);
    assert.equal(chartImage('postgres:16', VALUES), undefined);
    assert.equal(chartImage('{{ template "x.image" . }}', { image: 'just-a-string:1' }), 'just-a-string:1');
    assert.equal(chartImage('{{ template "x.image" . }}', {}), undefined);
  });

  it('finds values.yaml beside templates/ only', () => {
    assert.equal(chartValuesPath('charts/redis/templates/master/statefulset.yaml'), 'charts/redis/values.yaml');
    assert.equal(chartValuesPath('/abs/chart/templates/deployment.yaml'), '/abs/chart/values.yaml');
    assert.equal(chartValuesPath('k8s/deployment.yaml'), undefined);
  });
});

describe('the workspace index answers chartImage from the values.yaml it indexed', () => {
  it('answers once values.yaml is indexed, follows its edits, forgets it on removal', () => {
    const index = new CrossFileIndex();
    const template = 'chart/templates/deployment.yaml';
    assert.equal(index.hooks.chartImage(template, '{{ .Values.image.repository }}'), undefined);
    assert.equal(index.update('chart/values.yaml', 'image:\n  repository: postgres\n'), true);
    assert.equal(index.hooks.chartImage(template, '{{ .Values.image.repository }}'), 'postgres');
    assert.equal(index.update('chart/values.yaml', 'image:\n  repository: postgres\n'), false, 'unchanged text, no change');
    index.update('chart/values.yaml', 'image:\n  repository: mysql\n');
    assert.equal(index.hooks.chartImage(template, '{{ .Values.image.repository }}'), 'mysql');
    index.update('chart/values.yaml', 'image: [unclosed\n');
    assert.equal(index.hooks.chartImage(template, '{{ .Values.image.repository }}'), undefined, 'a broken values file tells nothing');
    index.remove('chart/values.yaml');
    assert.equal(index.hooks.chartImage(template, '{{ .Values.image.repository }}'), undefined);
  });
});
