{
  type: 'line',
  data: {
    labels: [ // Date Objects in the original sample (Utils.newDate); ISO strings here
      '2024-03-01T00:00:00',
      '2024-03-02T00:00:00',
      '2024-03-03T00:00:00',
      '2024-03-04T00:00:00',
      '2024-03-05T00:00:00',
      '2024-03-06T00:00:00',
      '2024-03-07T00:00:00'
    ],
    datasets: [{
      label: 'My First dataset',
      backgroundColor: 'rgba(255, 99, 132, 0.5)',
      borderColor: 'rgb(255, 99, 132)',
      fill: false,
      data: [42, 17, 88, 63, 5, 71, 36],
    }, {
      label: 'My Second dataset',
      backgroundColor: 'rgba(54, 162, 235, 0.5)',
      borderColor: 'rgb(54, 162, 235)',
      fill: false,
      data: [58, 90, 24, 11, 77, 46, 93],
    }, {
      label: 'Dataset with point data',
      backgroundColor: 'rgba(75, 192, 192, 0.5)',
      borderColor: 'rgb(75, 192, 192)',
      fill: false,
      data: [{
        x: '2024-03-01T00:00:00.000+00:00',
        y: 31
      }, {
        x: '2024-03-06T00:00:00.000+00:00',
        y: 84
      }, {
        x: '2024-03-08T00:00:00.000+00:00',
        y: 12
      }, {
        x: '2024-03-16T00:00:00.000+00:00',
        y: 67
      }],
    }]
  },
  options: {
    plugins: {
      title: {
        text: 'Chart.js Time Scale',
        display: true
      }
    },
    scales: {
      x: {
        type: 'time',
        time: {
          // Luxon format string
          tooltipFormat: 'DD T'
        },
        title: {
          display: true,
          text: 'Date'
        }
      },
      y: {
        title: {
          display: true,
          text: 'value'
        }
      }
    },
  },
}
