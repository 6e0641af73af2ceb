{
  type: 'line',
  data: {
    labels: [1,2,3,4,5],
    datasets: [{
      label: 'Rainfall',
      data: [ 200, 90, 120, 400, 500 ],
      fill: false,
      borderColor: 'green',
      backgroundColor: 'green',
    }]
  },
  options: {
    annotation: {
      annotations: [{
        type: 'line',
        mode: 'vertical',
        scaleID: 'x-axis-0',
        value: 2,
        borderColor: 'red',
        borderWidth: 4,
        label: {
          enabled: true,
          content: 'Something changed'
        }
      }, {
        type: 'box',
        xScaleID: 'x-axis-0',
        yScaleID: 'y-axis-0',
        xMin: 3,
        xMax: 5,
        backgroundColor: 'rgba(200, 200, 200, 0.2)',
        borderColor: '#ccc',
      }]
    },
    plugins: {
      datalabels: {
        display: true,
        align: 'bottom',
        backgroundColor: '#ccc',
        borderRadius: 3
      },
    }
  }
}
